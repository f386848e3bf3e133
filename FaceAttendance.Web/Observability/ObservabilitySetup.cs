using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Configuration;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;

namespace FaceAttendance.Web.Observability;

internal static class ObservabilitySetup
{
    /// <summary>
    /// Logs: appsettings.json gives one console line per message (start-up, the scans, warnings; requests only at Debug,
    /// under Microsoft.AspNetCore). Logging:Console:FormatterName=json turns them into JSON with UTC timestamps and the
    /// scopes, which carry each request's TraceId and SpanId.
    /// Metrics: the app's meter plus ASP.NET Core's and the runtime's built-in ones (HTTP request durations, active
    /// connections, GC, thread pool), exported as <see cref="MetricsOptions"/> says.
    /// </summary>
    public static void AddObservability(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<JsonConsoleFormatterOptions>(json =>
        {
            json.IncludeScopes = true;
            json.UseUtcTimestamp = true;
            json.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
        });
        builder.Services.AddValidatedOptions<MetricsOptions>(MetricsOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<MetricsOptions>, MetricsOptionsValidator>();
        builder.Services.AddSingleton<AttendanceMetrics>();
        builder.Services.AddSingleton<ScanTelemetry>();
        var options = builder.Configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new();
        if (!options.Prometheus && options.OtlpEndpoint is null)
        {
            return;
        }
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(AttendanceMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                "Microsoft.AspNetCore.Diagnostics", "Microsoft.AspNetCore.RateLimiting", "System.Runtime");
            if (options.Prometheus)
            {
                metrics.AddPrometheusExporter();
            }
            if (options.OtlpEndpoint is { IsAbsoluteUri: true } endpoint)
            {
                metrics.AddOtlpExporter(otlp => otlp.Endpoint = endpoint);
            }
        });
    }

    /// <summary>/metrics for admins when the Prometheus exporter is on; Prometheus sends the key with
    /// <c>http_headers: { X-Api-Key: { secrets: [...] } }</c> in its scrape config.</summary>
    public static void MapMetricsWhenEnabled(this WebApplication app)
    {
        if (app.Services.GetRequiredService<MetricsOptions>().Prometheus)
        {
            app.MapPrometheusScrapingEndpoint("/metrics").RequireAuthorization(Policies.CanOperate);
        }
    }
}
