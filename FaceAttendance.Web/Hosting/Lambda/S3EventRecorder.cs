using System.Text.Json;
using Amazon.S3.Util;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Storage;

namespace FaceAttendance.Web.Hosting.Lambda;

/// <summary>
/// The S3 path: the bucket's ObjectCreated notification for an uploaded snapshot records attendance for it, as
/// POST /attendance would. S3 delivers at least once and the kiosk may post the same key too, so the snapshot key is
/// the idempotency key: whichever comes first decides it (<see cref="Data.ScanDecision"/>), the others find that decision.
/// </summary>
public sealed partial class S3EventRecorder(IServiceScopeFactory scopes, IObjectStore store, ILogger<S3EventRecorder> logger)
{
    public static bool IsS3Event(JsonElement e) =>
        e.TryGetProperty("Records", out var records) && records.ValueKind == JsonValueKind.Array
        && records.EnumerateArray().Any(r => r.TryGetProperty("eventSource", out var source) && source.GetString() == "aws:s3");

    /// <returns>The invocation's answer: what each snapshot got (S3 ignores it; it helps when invoking by hand).</returns>
    public async Task<byte[]> RecordAsync(byte[] json, CancellationToken ct)
    {
        var notification = S3EventNotification.ParseJson(System.Text.Encoding.UTF8.GetString(json));
        var answers = new List<object>();
        foreach (var record in notification.Records)
        {
            // the SDK reads "ObjectCreated:Put" as its event type "s3:ObjectCreated:Put"
            if (record.EventName?.Value.Contains("ObjectCreated:", StringComparison.Ordinal) != true)
            {
                continue;
            }
            // event keys are URL-encoded, with '+' for a space
            var s3Key = Uri.UnescapeDataString(record.S3.Object.Key.Replace('+', ' '));
            var key = store.Bucket?.KeyAt(record.S3.Bucket.Name, s3Key);
            // an admin's upload for enrolment by key names no kiosk: it is not a scan
            if (key is null || !key.StartsWith(ObjectKeys.SnapshotsPrefix, StringComparison.Ordinal) || ObjectKeys.KioskOf(key) is null)
            {
                LogIgnored(logger, record.S3.Bucket.Name, s3Key);
                continue;
            }
            answers.Add(new { key, result = await DecideAsync(key, ct) });
        }
        return JsonSerializer.SerializeToUtf8Bytes(new { records = answers });
    }

    /// <returns>The outcome's name, or the refusal's code. An image the engine refused is decided (deleted, nothing to
    /// retry); an unexpected error fails the invocation, and Lambda retries it.</returns>
    private async Task<string> DecideAsync(string key, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ScanDecider>().DecideAsync(new Scan.Uploaded(key), ct);
        return outcome.Refusal?.Code ?? outcome.Name;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "S3 event for s3://{Bucket}/{Key} ignored: not a kiosk's snapshot in this app's store")]
    private static partial void LogIgnored(ILogger logger, string bucket, string key);
}
