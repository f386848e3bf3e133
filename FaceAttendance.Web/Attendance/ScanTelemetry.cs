using System.Diagnostics;
using FaceAttendance.Web.Api;
using FaceAttendance.Web.Observability;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FaceAttendance.Web.Attendance;

/// <summary>Every answered scan once: a count and a latency in <see cref="AttendanceMetrics"/>, and one log line,
/// which is what the default console shows of a kiosk at work.</summary>
public sealed partial class ScanTelemetry(AttendanceMetrics metrics, ILogger<ScanTelemetry> logger)
{
    /// <summary>The reason of a scan that failed with an unexpected error (a 500).</summary>
    public const string ErrorReason = "error";

    public long Start() => Stopwatch.GetTimestamp();

    public void Decided(long started, AttendanceOutcome outcome)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        var (result, reason) = ScanResults.Of(outcome);
        var similarity = outcome.Result?.Similarity ?? outcome.Problem?.Similarity;
        metrics.Scan(result, reason, elapsed, similarity);
        if (outcome.Result?.Person is { } person)
        {
            LogRecognised(logger, result, person.EmployeeId, outcome.Result.Similarity, elapsed.TotalMilliseconds);
        }
        else if (outcome.Result is { } unknown)
        {
            LogUnknown(logger, unknown.Similarity, elapsed.TotalMilliseconds);
        }
        else
        {
            LogRefused(logger, reason, elapsed.TotalMilliseconds);
        }
    }

    /// <summary>A scan refused before any face work: a bad key or image, an expired upload.</summary>
    public void Refused(long started, ProblemHttpResult problem) => Refused(started, Problems.CodeOf(problem));

    /// <summary>A scan that ended in an exception: a known one (bad image, storage fault) is a refusal with its code.</summary>
    public void Failed(long started, Exception exception) => Refused(started, KnownExceptionHandler.Classify(exception)?.Code ?? ErrorReason);

    private void Refused(long started, string? code)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.Scan(ScanResults.Refused, code, elapsed, similarity: null);
        LogRefused(logger, code, elapsed.TotalMilliseconds);
    }

    public void Replayed(string key, AttendanceOutcome outcome) => LogReplayed(logger, key, ScanResults.Of(outcome).Result);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan {Result}: {EmployeeId} (similarity {Similarity:0.00}) in {ElapsedMs:0} ms")]
    private static partial void LogRecognised(ILogger logger, string result, string employeeId, float similarity, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan unknown: nobody enrolled matches (closest {Similarity:0.00}) in {ElapsedMs:0} ms")]
    private static partial void LogUnknown(ILogger logger, float similarity, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Scan refused: {Reason} in {ElapsedMs:0} ms")]
    private static partial void LogRefused(ILogger logger, string? reason, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Scan {Key} was decided already ({Result}): answered again, nothing recorded")]
    private static partial void LogReplayed(ILogger logger, string key, string result);
}
