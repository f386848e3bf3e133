using FaceAttendance.Vision;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Kiosks;
using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FaceAttendance.Web.Attendance;

/// <summary>The punch a person chose at the kiosk after their scan: the scan answer's sealed ticket and one of its
/// allowed kinds.</summary>
public sealed record PunchRequest(string? Ticket, AttendanceKind? Kind);

/// <summary>The answer of GET /attendance/{key} while the snapshot's S3 event is still being handled.</summary>
public sealed record PendingScan(string Key, string Status, string Detail);

/// <summary><c>POST /attendance</c>: a paired kiosk sends the keys of a burst's frames (or one snapshot) it uploaded, or
/// posts the images themselves as multipart fields <c>image</c> in one round trip (also a scan it kept offline, signed). <see cref="ScanDecider"/>
/// decides; these handlers only read the request and translate its outcome.</summary>
internal static class KioskApi
{
    public static RouteGroupBuilder MapKioskApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/attendance").WithTags("Kiosk").RequirePairedKiosk().WithKioskRateLimit();
        group.MapPost("", Record)
            .AcceptsKeyOrImageForm(routes.ServiceProvider.GetRequiredService<UploadOptions>().MaxBytes, Burst.MaxFrames)
            .WithDescription("Send JSON {\"key\"} of a snapshot uploaded through POST /presign (or {\"keys\": [...]} of a burst's frames), " +
                "or multipart/form-data with the file field \"image\" (repeated for a burst).");
        group.MapPost("/punch", Punch)
            .WithDescription("Send JSON {\"ticket\", \"kind\"} (in, out, break-start, break-end) with the ticket a scan's answer offered: " +
                "records that punch with the scan's snapshot, once, at the kiosk the scan was made at, within a minute.");
        group.MapGet("/{**key}", Decision)
            .WithDescription("The answer for an uploaded snapshot that S3's ObjectCreated event decides (Kiosk:Decision=S3Event): " +
                "202 while it is being decided, then what POST /attendance would have answered.");
        return group;
    }

    public static async Task<Results<Ok<KioskAnswer>, ProblemHttpResult>> Record(
        HttpRequest request, ScanDecider scans, UploadOptions uploads, KioskOptions kiosk, KioskUploadQuota quota, TimeProvider time,
        CancellationToken ct) =>
        KioskAnswer.Of(await scans.DecideAsync(await ReadScanAsync(request, uploads, kiosk, quota, time, ct), ct));

    public static async Task<Results<Ok<KioskAnswer>, ProblemHttpResult>> Punch(
        PunchRequest body, HttpContext context, PunchTickets tickets, AttendanceRecorder recorder, CancellationToken ct)
    {
        if (body.Kind is not { } kind)
        {
            return KioskAnswer.Of(new Refusal(StatusCodes.Status400BadRequest, "punch-kind-missing", "Choose In, Out, Break start or Break end."));
        }
        if (tickets.Read(body.Ticket, PairedKiosk.Of(context).Id) is not { } ticket)
        {
            return KioskAnswer.Of(new Refusal(StatusCodes.Status400BadRequest, "punch-ticket-invalid",
                "This choice has expired or was not made at this kiosk. Scan your face again."));
        }
        var (result, refusal) = await recorder.PunchAsync(ticket, kind, ct);
        return refusal is null ? TypedResults.Ok(KioskAnswer.From(result!)) : KioskAnswer.Of(refusal);
    }

    /// <summary>What a kiosk polls when the upload's S3 event, not its POST, decides the snapshot.</summary>
    public static async Task<Results<Ok<KioskAnswer>, Accepted<PendingScan>, ProblemHttpResult>> Decision(
        string key, HttpResponse response, ScanDecider scans, CancellationToken ct)
    {
        var (decided, refusal) = ObjectKeys.KioskOf(key) == PairedKiosk.Of(response.HttpContext).Id
            ? await scans.PollAsync(key, ct)
            : (null, Refusal.ForKey(key) ?? Refusal.UnknownKey(key));
        if (refusal is not null)
        {
            return KioskAnswer.Of(refusal);
        }
        if (decided is not null)
        {
            return decided.Refusal is { } decidedRefusal ? KioskAnswer.Of(decidedRefusal) : TypedResults.Ok(KioskAnswer.From(decided.Result!));
        }
        response.Headers.RetryAfter = "1";
        return TypedResults.Accepted((string?)null, new PendingScan(key, "pending", "The snapshot is being checked; ask again in a second."));
    }

    /// <summary>The scan a request carries: keys, or posted images with a kiosk's offline capture facts.</summary>
    private static async Task<Scan> ReadScanAsync(
        HttpRequest request, UploadOptions uploads, KioskOptions options, KioskUploadQuota quota, TimeProvider time, CancellationToken ct)
    {
        var kiosk = PairedKiosk.Of(request.HttpContext);
        try
        {
            var (posted, refusal) = await ImageUpload.ReadKeysOrFormAsync(request, uploads.MaxBytes, Burst.MaxFrames, ct);
            if (posted is null)
            {
                return new Scan.Unreadable(refusal!);
            }
            if (posted.Images.Count == 0)
            {
                // a kiosk posts only its own uploads; any other key is unknown to it
                return posted.Keys.FirstOrDefault(key => ObjectKeys.KioskOf(key) != kiosk.Id) is { } foreign
                    ? new Scan.Unreadable(Refusal.UnknownKey(foreign))
                    : new Scan.Uploaded(posted.Keys);
            }
            if (quota.Take(kiosk.Id, posted.Images.Count) is { } overQuota)
            {
                return new Scan.Unreadable(overQuota);
            }
            var (capture, captureRefusal) = OfflineCapture.Read(request.Form, posted.Images, kiosk, time.GetUtcNow(), options);
            return captureRefusal is null ? new Scan.Posted(posted.Images, capture, kiosk.Id) : new Scan.Unreadable(captureRefusal);
        }
        catch (Exception e) when (KnownExceptionHandler.Classify(e) is { } known)
        {
            return new Scan.Unreadable(known); // a malformed body or one over Kestrel's limit is a refused scan like any other
        }
    }
}
