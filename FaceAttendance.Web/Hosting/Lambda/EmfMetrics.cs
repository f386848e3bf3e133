using System.Diagnostics.Metrics;
using System.Text.Json;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Observability;

namespace FaceAttendance.Web.Hosting.Lambda;

/// <summary>
/// CloudWatch Embedded Metric Format: in Lambda, every answered scan of <see cref="AttendanceMetrics"/> also becomes
/// one JSON line on stdout, which CloudWatch Logs turns into the metrics Scans, Recognitions, Unknowns, Refusals,
/// Errors and ScanLatency (namespace FaceAttendance, by Outcome) with no agent or API call. Listens from the host's start.
/// </summary>
public sealed class EmfMetrics : IHostedService, IDisposable
{
    public const string Namespace = "FaceAttendance";
    private readonly MeterListener _listener = new();
    private readonly TextWriter _output;

    public EmfMetrics(TextWriter output)
    {
        _output = output;
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == AttendanceMetrics.MeterName && instrument.Name == AttendanceMetrics.ScanDurationName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) => Write(seconds, tags));
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _listener.Start();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Write(double seconds, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? outcome = null, reason = null;
        foreach (var (key, value) in tags)
        {
            if (key == "outcome") outcome = value as string;
            else if (key == "reason") reason = value as string;
        }
        outcome ??= "unknown";
        var line = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["_aws"] = new
            {
                Timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
                CloudWatchMetrics = new[]
                {
                    new
                    {
                        Namespace,
                        Dimensions = new[] { new[] { "Outcome" } },
                        Metrics = new[]
                        {
                            new { Name = "Scans", Unit = "Count" }, new { Name = "Recognitions", Unit = "Count" },
                            new { Name = "Unknowns", Unit = "Count" }, new { Name = "Refusals", Unit = "Count" },
                            new { Name = "Errors", Unit = "Count" }, new { Name = "ScanLatency", Unit = "Milliseconds" },
                        },
                    },
                },
            },
            ["Outcome"] = outcome,
            ["Reason"] = reason ?? "",
            ["Scans"] = 1,
            ["Recognitions"] = ScanResults.Recognised.Contains(outcome) ? 1 : 0,
            ["Unknowns"] = outcome == ScanResults.Unknown ? 1 : 0,
            ["Refusals"] = outcome == ScanResults.Refused && reason != ScanTelemetry.ErrorReason ? 1 : 0,
            ["Errors"] = reason == ScanTelemetry.ErrorReason ? 1 : 0,
            ["ScanLatency"] = Math.Round(seconds * 1000, 1),
        });
        lock (_output)
        {
            _output.WriteLine(line);
            _output.Flush();
        }
    }

    public void Dispose() => _listener.Dispose();
}
