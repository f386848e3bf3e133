using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FaceAttendance.Web.Health;

/// <summary><c>/healthz</c>: the database answers, the object store can be written, the face engine is loaded.</summary>
internal static class HealthSetup
{
    public static void AddHealth(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database")
            .AddCheck<StorageHealthCheck>("storage")
            .AddCheck<EngineHealthCheck>("engine");

    public static void MapHealth(this WebApplication app) =>
        app.MapHealthChecks("/healthz", new HealthCheckOptions { ResponseWriter = WriteJson }).WithTags("Health");

    private static Task WriteJson(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
