using System.Data.Common;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FaceAttendance.Web.Health;

/// <summary>A real write, not just a connection: a read-only or full database answers a connect and fails a check-in.
/// At most one every few seconds (<see cref="DatabaseProbeCache"/>).</summary>
internal sealed class DatabaseHealthCheck(AttendanceDbContext db, JobLeases leases, DatabaseProbeCache cache) : IHealthCheck
{
    public const string ProbeLease = "health-probe";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct) => cache.GetOrProbeAsync(ProbeAsync, ct);

    private async Task<HealthCheckResult> ProbeAsync(CancellationToken ct)
    {
        var provider = db.ProviderName;
        try
        {
            // taken and let go at once: a write every instance may make at any time
            await leases.TryAcquireAsync(ProbeLease, TimeSpan.Zero, ct);
            return HealthCheckResult.Healthy($"{provider} answers and takes writes.");
        }
        catch (Exception e) when (StorageFaults.Classify(e) is { } fault)
        {
            return HealthCheckResult.Unhealthy($"The {provider} database cannot be written: {fault.Detail}");
        }
        catch (Exception e) when (e is DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"The {provider} database cannot be reached: {e.Message}");
        }
    }
}

/// <summary>Free space under DataDir and its quota (<see cref="DiskSpace"/>).</summary>
internal sealed class DiskHealthCheck(DiskSpace disk) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct) =>
        Task.FromResult(disk.Shortage() is { } shortage
            ? HealthCheckResult.Unhealthy($"{shortage.Detail} Writes are refused ({shortage.Status}) until that is fixed.")
            : HealthCheckResult.Healthy());
}

/// <summary>The face index, as the engine reports it (<see cref="IFaceRecognizer.CheckIndexHealthAsync"/>).</summary>
internal sealed class FaceIndexHealthCheck(IFaceRecognizer recognizer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct) => recognizer.CheckIndexHealthAsync(ct);
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
