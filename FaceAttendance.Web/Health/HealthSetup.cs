using System.Text.Json;
using FaceAttendance.Web.Admin;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FaceAttendance.Web.Health;

/// <summary>The database takes a write, DataDir's disk has room, the object store can be written, the face engine is loaded, and this
/// instance's face index is up to date with the database. <c>/healthz</c> (anonymous, for load balancers and Docker) says only
/// Healthy or Unhealthy; <c>/api/health</c> (admins) says which check failed and why.</summary>
internal static class HealthSetup
{
    public const string DetailsPath = "/api/health";

    public static void AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DatabaseProbeCache>();
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<DiskHealthCheck>("disk")
            .AddCheck<StorageHealthCheck>("storage")
            .AddCheck<EngineHealthCheck>("engine")
            .AddCheck<FaceIndexHealthCheck>("faceIndex");
    }

    public static void MapHealth(this WebApplication app)
    {
        // no face count, error text or provider for anyone who asks: only whether to send traffic here
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteStatus }).WithTags("Health");
        app.MapHealthChecks(DetailsPath, new HealthCheckOptions { ResponseWriter = WriteReport })
            .RequireAuthorization(Policies.CanOperate).WithTags("Health");
    }

    private static Task WriteStatus(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new { status = report.Status.ToString() }, JsonSerializerOptions.Web));
    }

    private static Task WriteReport(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data.Count == 0 ? null : e.Value.Data,
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
