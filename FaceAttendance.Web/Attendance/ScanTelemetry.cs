using System.Diagnostics;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Observability;

namespace FaceAttendance.Web.Attendance;

/// <summary>Every answered scan once: a count and a latency in <see cref="AttendanceMetrics"/>, and one log line,
/// which is what the default console shows of a kiosk at work.</summary>
public sealed partial class ScanTelemetry(AttendanceMetrics metrics, ILogger<ScanTelemetry> logger)
{
    /// <summary>The reason of a scan that failed with an unexpected error (a 500).</summary>
    public const string ErrorReason = "error";

    public long Start() => Stopwatch.GetTimestamp();

    /// <summary>A scan's outcome; one that replays an earlier decision is logged only, the decision was counted.</summary>
    public void Record(long started, ScanOutcome outcome, bool replayed)
    {
        if (replayed)
        {
            LogReplayed(logger, outcome.Name);
            return;
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.Scan(outcome.Name, outcome.Refusal?.Code, elapsed, outcome.Result?.Similarity);
        switch (outcome.Result)
        {
            case { Person: { } person } recognised:
                LogRecognised(logger, outcome.Name, person.EmployeeId, recognised.Similarity, elapsed.TotalMilliseconds);
                break;
            case { } unknown:
                LogUnknown(logger, unknown.Similarity, elapsed.TotalMilliseconds);
                break;
            default:
                LogRefused(logger, outcome.Refusal?.Code, elapsed.TotalMilliseconds);
                break;
        }
    }

    /// <summary>A scan that ended in an unexpected exception (a storage fault is a refusal with its code).</summary>
    public void Failed(long started, Exception exception)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        var code = KnownExceptionHandler.Classify(exception)?.Code ?? ErrorReason;
        metrics.Scan(ScanResults.Refused, code, elapsed, similarity: null);
        LogRefused(logger, code, elapsed.TotalMilliseconds);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan {Result}: {EmployeeId} (similarity {Similarity:0.00}) in {ElapsedMs:0} ms")]
    private static partial void LogRecognised(ILogger logger, string result, string employeeId, float similarity, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan unknown: nobody enrolled matches (closest {Similarity:0.00}) in {ElapsedMs:0} ms")]
    private static partial void LogUnknown(ILogger logger, float similarity, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan refused: {Reason} in {ElapsedMs:0} ms")]
    private static partial void LogRefused(ILogger logger, string? reason, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scan was decided already ({Result}): answered again, nothing recorded")]
    private static partial void LogReplayed(ILogger logger, string result);
}
