using FaceAttendance.Web.Data;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FaceAttendance.Web.Health;

internal sealed class DatabaseHealthCheck(AttendanceDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct) =>
        await db.Database.CanConnectAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The SQLite database cannot be opened.");
}

internal sealed class StorageHealthCheck(IObjectStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct) =>
        await store.IsAvailableAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The object store cannot be written.");
}

internal sealed class EngineHealthCheck(IFaceRecognizer recognizer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct) =>
        Task.FromResult(recognizer.IsReady ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The face engine is still loading."));
}
