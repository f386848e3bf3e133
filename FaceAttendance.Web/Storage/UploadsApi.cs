using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Kiosks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FaceAttendance.Web.Storage;

/// <param name="Frames">upload URLs wanted at once: a kiosk's burst (at most Kiosk:BurstFrames), else 1.</param>
public sealed record PresignRequest([property: Required] string ContentType, int Frames = 1);

/// <param name="Fields">For a form upload (S3's POST policy): the fields to send before the file; null for a plain body.</param>
public sealed record PresignResponse(
    string Key, string UploadUrl, string Method, IReadOnlyDictionary<string, string> Headers, DateTimeOffset ExpiresAt,
    IReadOnlyDictionary<string, string>? Fields = null)
{
    /// <summary>A burst's uploads, this one first (POST /attendance then takes their keys in this order); null for one.</summary>
    public IReadOnlyList<PresignResponse>? Frames { get; init; }

    /// <summary>With Kiosk:Liveness=Challenge, the head turn to ask for during the burst: "left" or "right" (the person's own).</summary>
    public string? Turn { get; init; }
}

/// <summary>Browser uploads: <c>POST /presign</c> hands out a one-object upload URL; in local mode that URL is
/// <c>PUT /uploads/{key}?token=</c> on this app. Only a paired kiosk (within its hourly quota) or an admin (a photo to
/// enrol by key) may upload; a kiosk's key names it, so only that kiosk can upload to it or post it.</summary>
internal static class UploadsApi
{
    public static RouteGroupBuilder MapUploadsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("").WithTags("Kiosk").RequireAuthorization(KioskAuth.UploaderPolicy)
            .ProducesProblem(StatusCodes.Status401Unauthorized).WithKioskRateLimit();
        var maxBytes = routes.ServiceProvider.GetRequiredService<UploadOptions>().MaxBytes;
        group.MapPost("/presign", Presign).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPut("/uploads/{**key}", Upload)
            .WithMetadata(new RequestSizeLimitAttribute(maxBytes + 1))
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    public static async Task<Results<Ok<PresignResponse>, ProblemHttpResult>> Presign(
        PresignRequest body, HttpRequest request, IObjectStore store, UploadOptions uploads, KioskOptions kioskOptions, KioskUploadQuota quota,
        TimeProvider time, CancellationToken ct)
    {
        if (ImageFormats.Accepted(body.ContentType) is not { } contentType)
        {
            return Refusal.UnsupportedImage($"contentType must be {ImageFormats.AcceptedList}.").ToProblem();
        }
        var kiosk = request.HttpContext.Features.Get<PairedKiosk>();
        var maxFrames = kiosk is null ? 1 : kioskOptions.FramesPerScan;
        if (body.Frames < 1 || body.Frames > maxFrames)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "too-many-images",
                $"frames must be 1 to {maxFrames}: {(kiosk is null ? "an admin's upload is one photo" : "Kiosk:BurstFrames")}.");
        }
        if (kiosk is not null && quota.Take(kiosk.Id, body.Frames) is { } overQuota)
        {
            return overQuota.ToProblem();
        }
        var now = time.GetUtcNow();
        var appBase = new Uri($"{request.Scheme}://{request.Host}{request.PathBase}/");
        var frames = new List<PresignResponse>(body.Frames);
        var first = ObjectKeys.NewSnapshot(now, contentType, kiosk?.Id);
        for (var i = 0; i < body.Frames; i++)
        {
            var key = i == 0 ? first : ObjectKeys.BurstFrame(first, i);
            var upload = await store.PresignUploadAsync(key, contentType, uploads.MaxBytes, now + uploads.UrlLifetime, ct);
            frames.Add(new PresignResponse(key, new Uri(appBase, upload.Url).ToString(), upload.Method, upload.Headers, upload.ExpiresAt, upload.Fields));
        }
        var turn = kiosk is not null && kioskOptions.Liveness == LivenessMode.Challenge ? KioskChallenge.Name(KioskChallenge.TurnOf(frames[0].Key)) : null;
        return TypedResults.Ok(frames[0] with { Frames = body.Frames > 1 ? frames : null, Turn = turn });
    }

    public static async Task<Results<Ok, ProblemHttpResult>> Upload(
        string key, [FromQuery] string? token, HttpRequest request, UploadTokens tokens, IObjectStore store, CancellationToken ct)
    {
        if (tokens.Read(token) is not { } grant || grant.Key != key || ObjectKeys.KioskOf(key) != request.HttpContext.Features.Get<PairedKiosk>()?.Id)
        {
            return Problems.Of(StatusCodes.Status403Forbidden, "upload-not-authorised",
                "The upload URL is expired, forged, for another key or another kiosk's; ask POST /presign for a new one.");
        }
        if (ImageFormats.Accepted(request.ContentType) != grant.ContentType)
        {
            return Refusal.UnsupportedImage($"This upload URL accepts Content-Type {grant.ContentType} only.").ToProblem();
        }
        var (image, problem) = await ImageUpload.ReadAsync(request.Body, request.ContentLength, grant.ContentType, grant.MaxBytes, ct);
        if (image is null)
        {
            return problem!.ToProblem();
        }
        return await store.TryPutAsync(key, image.Content, ct)
            ? TypedResults.Ok()
            : Problems.Of(StatusCodes.Status409Conflict, "already-uploaded", "Something was already uploaded to this key; keys are written once.");
    }
}
