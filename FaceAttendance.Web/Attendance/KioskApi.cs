using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Api;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FaceAttendance.Web.Attendance;

public sealed record SnapshotKeyRequest([Required] string Key);

/// <summary>The answer of GET /attendance/{key} while the snapshot's S3 event is still being handled.</summary>
public sealed record PendingScan(string Key, string Status, string Detail);

/// <summary><c>POST /attendance</c>: the kiosk sends the key of a snapshot it uploaded, API users may post the image
/// itself as multipart field <c>image</c> in one round trip.</summary>
internal static class KioskApi
{
    public static RouteGroupBuilder MapKioskApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/attendance").WithTags("Kiosk").WithKioskRateLimit();
        group.MapPost("", Record)
            .AcceptsKeyOrImageForm(routes.ServiceProvider.GetRequiredService<FaceAttendanceOptions>().Uploads.MaxBytes)
            .WithDescription("Send JSON {\"key\"} of a snapshot uploaded through POST /presign, or multipart/form-data with the file field \"image\".");
        group.MapGet("/{**key}", Decision)
            .WithDescription("The answer for an uploaded snapshot that S3's ObjectCreated event decides (Kiosk:Decision=S3Event): " +
                "202 while it is being decided, then what POST /attendance would have answered.");
        return group;
    }

    /// <summary>What a kiosk polls when the upload's S3 event, not its POST, decides the snapshot.</summary>
    public static async Task<Results<Ok<AttendanceResult>, Accepted<PendingScan>, ProblemHttpResult>> Decision(
        string key, HttpResponse response, IObjectStore store, AttendanceRecorder recorder, FaceAttendanceOptions options, TimeProvider time,
        CancellationToken ct)
    {
        var (snapshot, decided, problem) = await SnapshotForKey(key, store, recorder, options, time, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (decided is not null)
        {
            return decided.Problem is { } faceProblem ? faceProblem.ToProblem() : TypedResults.Ok(decided.Result!);
        }
        response.Headers.RetryAfter = "1";
        return TypedResults.Accepted((string?)null, new PendingScan(snapshot!.Key, "pending", "The snapshot is being checked; ask again in a second."));
    }

    public static async Task<Results<Ok<AttendanceResult>, ProblemHttpResult>> Record(
        HttpRequest request, IObjectStore store, AttendanceRecorder recorder, ScanTelemetry telemetry, FaceAttendanceOptions options,
        TimeProvider time, CancellationToken ct)
    {
        var started = telemetry.Start();
        try
        {
            var (snapshot, decided, problem, capturedAt) = await SnapshotOf(request, store, recorder, options, time, ct);
            if (problem is not null)
            {
                telemetry.Refused(started, problem);
                return problem;
            }
            if (decided is not null)
            {
                telemetry.Replayed(snapshot!.Key, decided);
                return Answer(decided);
            }
            var outcome = await recorder.RecordAsync(snapshot!, ct, capturedAt);
            telemetry.Decided(started, outcome);
            return Answer(outcome);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            telemetry.Failed(started, e);
            throw;
        }
    }

    private static Results<Ok<AttendanceResult>, ProblemHttpResult> Answer(AttendanceOutcome outcome) =>
        outcome.Problem is { } faceProblem ? faceProblem.ToProblem() : TypedResults.Ok(outcome.Result!);

    /// <summary>The snapshot to decide, with the decision an earlier request for the same key got if any, and when a kiosk
    /// that was offline took it; or why none.</summary>
    private static async Task<(ImageRef? Snapshot, AttendanceOutcome? Decided, ProblemHttpResult? Problem, DateTimeOffset? CapturedAt)> SnapshotOf(
        HttpRequest request, IObjectStore store, AttendanceRecorder recorder, FaceAttendanceOptions options, TimeProvider time, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var (image, problem) = await ImageUpload.ReadFormFieldAsync(request, options.Uploads.MaxBytes, ct);
            if (image is null)
            {
                return (null, null, problem, null);
            }
            var (capture, captureProblem) = OfflineCapture.Read(request.Form, time.GetUtcNow(), options.Kiosk.OfflineMaxAge);
            if (captureProblem is not null)
            {
                return (null, null, captureProblem, null);
            }
            // kept like an uploaded snapshot, so the event links to it and retention deletes it; a kiosk's offline
            // capture is keyed by its id, so sending it again gets the first decision
            var key = capture is { } offline
                ? ObjectKeys.OfflineSnapshot(offline.Id, offline.At, image.ContentType)
                : ObjectKeys.NewSnapshot(time.GetUtcNow(), image.ContentType);
            if (capture is not null && await recorder.DecisionOfAsync(key, ct) is { } sentBefore)
            {
                return (new ImageRef(key), sentBefore, null, capture.At);
            }
            await store.TryPutAsync(key, image.Content, ct);
            return (new ImageRef(key, image.Content), null, null, capture?.At);
        }
        if (!request.HasJsonContentType())
        {
            return (null, null, Problems.UnsupportedImage("Send JSON {\"key\": ...} of an uploaded snapshot, or multipart/form-data with a file field 'image'."), null);
        }
        var body = await request.ReadFromJsonAsync<SnapshotKeyRequest>(ct);
        var (snapshot, decided, keyProblem) = await SnapshotForKey(body?.Key, store, recorder, options, time, ct);
        return (snapshot, decided, keyProblem, null);
    }

    /// <summary>The uploaded snapshot a key names, with the decision an earlier request or event made if any; or why
    /// neither. Shared by POST /attendance, GET /attendance/{key} and the S3 event.</summary>
    public static async Task<(ImageRef? Snapshot, AttendanceOutcome? Decided, ProblemHttpResult? Problem)> SnapshotForKey(
        string? key, IObjectStore store, AttendanceRecorder recorder, FaceAttendanceOptions options, TimeProvider time, CancellationToken ct)
    {
        if (Problems.KeyProblem(key) is { } keyProblem)
        {
            return (null, null, keyProblem);
        }
        var snapshotKey = key!;
        if (!snapshotKey.StartsWith(ObjectKeys.SnapshotsPrefix, StringComparison.Ordinal) || ObjectKeys.IssuedAt(snapshotKey) is not { } issuedAt)
        {
            return (null, null, UnknownKey(snapshotKey));
        }
        if (await recorder.DecisionOfAsync(snapshotKey, ct) is { } decided)
        {
            return (new ImageRef(snapshotKey), decided, null);
        }
        if (time.GetUtcNow() - issuedAt > options.Uploads.DecisionWindow)
        {
            return (null, null, Problems.Of(StatusCodes.Status410Gone, "snapshot-expired",
                $"This snapshot's upload URL was issued more than {options.Uploads.DecisionWindow.TotalMinutes:0} minutes ago; scan again."));
        }
        return await store.CheckUploadAsync(snapshotKey, ct) switch
        {
            UploadState.Ready => (new ImageRef(snapshotKey), null, null),
            UploadState.TooLarge => (null, null, Problems.TooLarge(options.Uploads.MaxBytes)),
            UploadState.WrongType => (null, null, Problems.UnsupportedImage(
                $"The upload to '{snapshotKey}' was not the {ObjectKeys.ContentTypeOf(snapshotKey)} it was presigned for; it was deleted.")),
            _ => (null, null, UnknownKey(snapshotKey)),
        };
    }

    private static ProblemHttpResult UnknownKey(string key) => Problems.NotFound("unknown-key", $"Nothing was uploaded to '{key}'.");
}
