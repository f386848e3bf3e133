using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Observability;

/// <summary>Where the instruments of <see cref="AttendanceMetrics"/>, ASP.NET Core and the runtime go.</summary>
public sealed class MetricsOptions
{
    public const string Section = "FaceAttendance:Metrics";

    /// <summary>Serve them in Prometheus's text format at /metrics, to admins only (X-Api-Key, or the admin cookie).</summary>
    public bool Prometheus { get; set; }

    /// <summary>Push them over OTLP to this collector, e.g. http://collector:4317 (gRPC; for http/protobuf set
    /// OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf and the full path, http://collector:4318/v1/metrics); off when unset.</summary>
    public Uri? OtlpEndpoint { get; set; }
}

internal sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options) => options.OtlpEndpoint is { IsAbsoluteUri: false } otlp
        ? ValidateOptionsResult.Fail($"FaceAttendance:Metrics:OtlpEndpoint '{otlp}' is not an absolute URL (e.g. http://collector:4317).")
        : ValidateOptionsResult.Success;
}
