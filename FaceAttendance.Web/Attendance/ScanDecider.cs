using System.Security.Cryptography;
using System.Text.Json;
using FaceAttendance.Vision;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Kiosks;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Attendance;

/// <summary>
/// Decides a kiosk scan, whichever path it came by: which snapshot it is, whether it was decided already, who is in it
/// and what that records. Each snapshot key is decided once (<see cref="ScanDecision"/>: looked up first, and the
/// database's unique key settles a race), a scan that records nothing keeps no snapshot, and every scan's telemetry is
/// recorded here from its <see cref="ScanOutcome"/>.
/// </summary>
public sealed class ScanDecider(
    IFaceRecognizer recognizer, AttendanceRecorder recorder, AttendanceDbContext db, IObjectStore store, ScanTelemetry telemetry,
    UploadOptions uploads, KioskLearning learning, TimeProvider time)
{
    public async Task<ScanOutcome> DecideAsync(Scan scan, CancellationToken ct)
    {
        var started = telemetry.Start();
        try
        {
            var (outcome, replayed) = await DecideOnceAsync(scan, ct);
            telemetry.Record(started, outcome, replayed);
            return outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            telemetry.Failed(started, e);
            throw;
        }
    }

    /// <summary>For a kiosk that waits while S3's event decides its upload: the decision if made, or why there will be
    /// none; (null, null) while it is pending.</summary>
    public async Task<(ScanOutcome? Decided, Refusal? Refusal)> PollAsync(string? key, CancellationToken ct)
    {
        if (KeyRefusal(key) is { } refusal)
        {
            return (null, refusal);
        }
        if (await FindDecisionAsync(key!, ct) is { } decided)
        {
            return (decided, null);
        }
        return (null, await UploadRefusalAsync(key!, ct));
    }

    private async Task<(ScanOutcome Outcome, bool Replayed)> DecideOnceAsync(Scan scan, CancellationToken ct)
    {
        var (key, refusal) = scan switch
        {
            Scan.Uploaded uploaded => (uploaded.Key, KeyRefusal(uploaded.Key)),
            // kept like an uploaded snapshot, so the event links to it and retention deletes it
            Scan.Posted { Capture: { } capture, Image: var image, KioskId: var kiosk } =>
                (ObjectKeys.OfflineSnapshot(capture.Id, capture.At, image.ContentType, kiosk), null),
            Scan.Posted { Image: var image, KioskId: var kiosk } => (ObjectKeys.NewSnapshot(time.GetUtcNow(), image.ContentType, kiosk), null),
            Scan.Unreadable unreadable => ("", unreadable.Refusal),
            _ => throw new ArgumentOutOfRangeException(nameof(scan), scan, null),
        };
        if (refusal is not null)
        {
            return (ScanOutcome.Refused(refusal), false);
        }
        var posted = scan as Scan.Posted;
        var captureId = posted?.Capture?.Id;
        var kioskId = posted?.KioskId ?? ObjectKeys.KioskOf(key);
        if (await FindDecisionAsync(key, kioskId, captureId, ct) is { } decided)
        {
            return (decided, true);
        }
        // S3's event decides an upload without the kiosk's request: an upload URL given out before the kiosk was revoked
        // must not record after it
        if (posted is null && !await db.Kiosks.AnyAsync(k => k.Id == kioskId && k.TokenHash != null, ct))
        {
            return (ScanOutcome.Refused(KioskAuth.Unpaired), false);
        }
        if (posted is null && await UploadRefusalAsync(key, ct) is { } uploadRefusal)
        {
            return (ScanOutcome.Refused(uploadRefusal), false);
        }
        byte[]? content;
        if (posted is not null)
        {
            content = posted.Image.Content;
            // a key already holding other bytes (an offline capture id chosen to match an upload's) must not leave the
            // judged image unkept; the same bytes are the same capture sent twice at once, which the decision settles
            if (!await store.TryPutAsync(key, content, ct) && await store.ReadAsync(key, ct) is { } held && !held.AsSpan().SequenceEqual(content))
            {
                return (ScanOutcome.Refused(new Refusal(StatusCodes.Status409Conflict, "capture-conflict",
                    "Another image is already stored for this capture id; a capture is sent with the image it was taken with.")), false);
            }
        }
        else if ((content = await store.ReadAsync(key, ct)) is null)
        {
            // a racing request decided it and deleted the snapshot between our look and our read
            return await FindDecisionAsync(key, ct) is { } racing ? (racing, true) : (ScanOutcome.Refused(Refusal.UnknownKey(key)), false);
        }
        Identification identification;
        try
        {
            // the bytes read once are the ones judged and the ones the decision's hash vouches for
            identification = await recognizer.IdentifyAsync(new ImageRef(key, content), ct);
        }
        catch (ImageRejectedException e)
        {
            // not an image the engine could use: nothing to decide, nothing to keep
            await store.DeleteAsync(key, ct);
            return (ScanOutcome.Refused(KnownExceptionHandler.Classify(e)!), false);
        }
        // one transaction for the event and the decision, so a snapshot never records without being decided
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (outcome, keepsSnapshot) = await recorder.RecordAsync(key, identification, posted?.Capture?.At, kioskId, ct);
        var saved = await SaveDecisionAsync(key, outcome, keepsSnapshot, kioskId, captureId, Convert.ToHexStringLower(SHA256.HashData(content)), ct);
        if (ReferenceEquals(saved, outcome))
        {
            // our decision, not a racing request's: only the request that decided a scan may learn from it
            await learning.LearnAsync(key, content, identification, outcome, kioskId, ct);
        }
        return (saved, false);
    }

    /// <summary>Why a posted key cannot name a kiosk's snapshot, before any lookup; null when it may.</summary>
    private static Refusal? KeyRefusal(string? key) => Refusal.ForKey(key) ??
        (key!.StartsWith(ObjectKeys.SnapshotsPrefix, StringComparison.Ordinal) && ObjectKeys.IssuedAt(key) is not null && ObjectKeys.KioskOf(key) is not null
            ? null
            : Refusal.UnknownKey(key));

    /// <summary>Why an undecided upload cannot be decided (too old, too large, not the image type it was presigned for,
    /// missing); null when it is ready.</summary>
    private async Task<Refusal?> UploadRefusalAsync(string key, CancellationToken ct)
    {
        if (time.GetUtcNow() - ObjectKeys.IssuedAt(key) > uploads.DecisionWindow)
        {
            return new Refusal(StatusCodes.Status410Gone, "snapshot-expired",
                $"This snapshot's upload URL was issued more than {uploads.DecisionWindow.TotalMinutes:0} minutes ago; scan again.");
        }
        return await store.CheckUploadAsync(key, ct) switch
        {
            UploadState.Ready => null,
            UploadState.TooLarge => Refusal.TooLarge(uploads.MaxBytes),
            UploadState.WrongType => Refusal.UnsupportedImage(
                $"The upload to '{key}' was not the {ObjectKeys.ContentTypeOf(key)} it was presigned for; it was deleted."),
            _ => Refusal.UnknownKey(key),
        };
    }

    /// <summary>The answer already given for this snapshot key, or null when it was never decided.</summary>
    private Task<ScanOutcome?> FindDecisionAsync(string key, CancellationToken ct) =>
        OutcomeOfAsync(db.ScanDecisions.Where(d => d.SnapshotKey == key), ct);

    /// <summary>The answer given for this key, or for this kiosk's offline capture: a capture is decided once, whatever time
    /// (and so key) it is sent with again.</summary>
    private async Task<ScanOutcome?> FindDecisionAsync(string key, Guid? kioskId, Guid? captureId, CancellationToken ct) =>
        await FindDecisionAsync(key, ct)
        ?? (captureId is { } id ? await OutcomeOfAsync(db.ScanDecisions.Where(d => d.KioskId == kioskId && d.CaptureId == id), ct) : null);

    private static async Task<ScanOutcome?> OutcomeOfAsync(IQueryable<ScanDecision> decisions, CancellationToken ct) =>
        await decisions.AsNoTracking().Select(d => d.Outcome).FirstOrDefaultAsync(ct) is { } json
            ? JsonSerializer.Deserialize<ScanOutcome>(json, JsonSerializerOptions.Web)
            : null;

    /// <summary>
    /// Saves the decision with whatever else is pending (the event) and commits; deletes a snapshot it does not keep.
    /// When another request decided the key first, that decision stands and is returned instead.
    /// </summary>
    private async Task<ScanOutcome> SaveDecisionAsync(
        string key, ScanOutcome outcome, bool keepsSnapshot, Guid? kioskId, Guid? captureId, string sha256, CancellationToken ct)
    {
        db.ScanDecisions.Add(new ScanDecision
        {
            SnapshotKey = key,
            Result = outcome.Name,
            Reason = outcome.Refusal?.Code,
            DecidedAt = time.GetUtcNow().UtcDateTime,
            Outcome = JsonSerializer.Serialize(outcome, JsonSerializerOptions.Web),
            KeepsSnapshot = keepsSnapshot,
            PersonId = outcome.Result?.Person?.Id,
            KioskId = kioskId,
            CaptureId = captureId,
            SnapshotSha256 = keepsSnapshot ? sha256 : null,
        });
        var saved = await db.SaveUnlessDuplicateAsync(ct);
        var transaction = db.Database.CurrentTransaction!;
        await (saved ? transaction.CommitAsync(ct) : transaction.RollbackAsync(ct));
        if (!saved)
        {
            return await FindDecisionAsync(key, kioskId, captureId, ct) ?? throw new InvalidOperationException($"The decision on {key} vanished.");
        }
        if (!keepsSnapshot)
        {
            await store.DeleteAsync(key, ct);
        }
        return outcome;
    }
}
