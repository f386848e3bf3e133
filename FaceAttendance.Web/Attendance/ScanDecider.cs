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
    UploadOptions uploads, KioskOptions kiosk, KioskLearning learning, TimeProvider time)
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
            Scan.Uploaded uploaded => (uploaded.Key, BurstRefusal(uploaded.Keys)),
            // kept like an uploaded snapshot, so the event links to it and retention deletes it
            Scan.Posted { Capture: { } capture, Frames: [var first, ..], KioskId: var postedBy } =>
                (ObjectKeys.OfflineSnapshot(capture.Id, capture.At, first.ContentType, postedBy), null),
            Scan.Posted { Frames: [var first, ..], KioskId: var postedBy } => (ObjectKeys.NewSnapshot(time.GetUtcNow(), first.ContentType, postedBy), null),
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
        var (turn, turnRefusal) = kiosk.Liveness == LivenessMode.Challenge ? KioskChallenge.Asked(scan) : (null, null);
        if (turnRefusal is not null)
        {
            return (ScanOutcome.Refused(turnRefusal), false);
        }
        var (frames, frameRefusal) = posted is null ? await ReadUploadedAsync((Scan.Uploaded)scan, ct) : await StorePostedAsync(key, posted, ct);
        if (frames is null)
        {
            return frameRefusal is null && await FindDecisionAsync(key, ct) is { } racing
                ? (racing, true)
                : (ScanOutcome.Refused(frameRefusal ?? Refusal.UnknownKey(key)), false);
        }
        var others = scan is Scan.Uploaded { Keys: var keys } ? keys.Skip(1).ToList() : [];
        Identification identification;
        try
        {
            // the bytes read once are the ones judged and the ones the decision's hash vouches for
            identification = await recognizer.IdentifyAsync(frames, kiosk.Liveness != LivenessMode.Off, turn, ct);
        }
        catch (ImageRejectedException e)
        {
            // not an image the engine could use: nothing to decide, nothing to keep
            await DeleteAsync([key, .. others], ct);
            return (ScanOutcome.Refused(KnownExceptionHandler.Classify(e)!), false);
        }
        // one transaction for the event and the decision, so a snapshot never records without being decided
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (outcome, keepsSnapshot) = await recorder.RecordAsync(key, identification, posted?.Capture?.At, kioskId, ct);
        // the frame the face was judged by is the one kept: the first may show someone else, or no one
        var judged = frames[identification.BestFrame].Content!;
        var saved = await SaveDecisionAsync(key, outcome, keepsSnapshot, kioskId, captureId, Convert.ToHexStringLower(SHA256.HashData(judged)), ct);
        await DeleteAsync(others, ct);
        if (ReferenceEquals(saved, outcome))
        {
            // our decision, not a racing request's: only the request that decided a scan keeps its evidence and learns from it
            if (keepsSnapshot && identification.BestFrame != 0)
            {
                await store.DeleteAsync(key, ct);
                await store.TryPutAsync(key, judged, ct);
            }
            await learning.LearnAsync(key, judged, identification, outcome, kioskId, ct);
        }
        return (saved, false);
    }

    /// <summary>An upload's frames, each checked and read once; or why not (null, null: the first was decided and deleted
    /// by a racing request between our look and our read).</summary>
    private async Task<(IReadOnlyList<ImageRef>? Frames, Refusal? Refusal)> ReadUploadedAsync(Scan.Uploaded scan, CancellationToken ct)
    {
        // S3's event decides an upload without the kiosk's request: an upload URL given out before the kiosk was revoked
        // must not record after it
        var kioskId = ObjectKeys.KioskOf(scan.Key);
        if (!await db.Kiosks.AnyAsync(k => k.Id == kioskId && k.TokenHash != null, ct))
        {
            return (null, KioskAuth.Unpaired);
        }
        var frames = new List<ImageRef>(scan.Keys.Count);
        foreach (var key in scan.Keys)
        {
            if (await UploadRefusalAsync(key, ct) is { } uploadRefusal)
            {
                return (null, uploadRefusal);
            }
            if (await store.ReadAsync(key, ct) is not { } content)
            {
                return (null, key == scan.Key ? null : Refusal.UnknownKey(key));
            }
            frames.Add(new ImageRef(key, content));
        }
        return (frames, null);
    }

    /// <summary>Stores a posted scan's first frame under <paramref name="key"/>, the snapshot its decision keeps; the frames.</summary>
    private async Task<(IReadOnlyList<ImageRef>? Frames, Refusal? Refusal)> StorePostedAsync(string key, Scan.Posted posted, CancellationToken ct)
    {
        var first = posted.Frames[0].Content;
        // a key already holding other bytes (an offline capture id chosen to match an upload's) must not leave the judged
        // image unkept; the same bytes are the same capture sent twice at once, which the decision settles
        if (!await store.TryPutAsync(key, first, ct) && await store.ReadAsync(key, ct) is { } held && !held.AsSpan().SequenceEqual(first))
        {
            return (null, new Refusal(StatusCodes.Status409Conflict, "capture-conflict",
                "Another image is already stored for this capture id; a capture is sent with the image it was taken with."));
        }
        return ([.. posted.Frames.Select((frame, i) => new ImageRef(i == 0 ? key : null, frame.Content))], null);
    }

    private async Task DeleteAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        foreach (var key in keys)
        {
            await store.DeleteAsync(key, ct);
        }
    }

    /// <summary>Why a posted key cannot name a kiosk's snapshot (or a burst's first frame), before any lookup; null when it may.</summary>
    private static Refusal? KeyRefusal(string? key) => Refusal.ForKey(key) ??
        (key!.StartsWith(ObjectKeys.SnapshotsPrefix, StringComparison.Ordinal) && ObjectKeys.IssuedAt(key) is not null && ObjectKeys.KioskOf(key) is not null
            && ObjectKeys.FrameOf(key) == 0
            ? null
            : Refusal.UnknownKey(key));

    /// <summary>Why a burst's keys are not one burst's, first to last as POST /presign gave them (so no frame of one scan
    /// can be posted in another, and the turn read from the first key is the one the kiosk was asked for); null when they are.</summary>
    private static Refusal? BurstRefusal(IReadOnlyList<string> keys) => KeyRefusal(keys[0]) ??
        (keys.Skip(1).Where((key, i) => key != ObjectKeys.BurstFrame(keys[0], i + 1)).Any()
            ? new Refusal(StatusCodes.Status400BadRequest, "burst-keys-out-of-order",
                "A burst's keys are posted as POST /presign gave them in one answer: the first, then each frame in order.")
            : null);

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
    internal async Task<ScanOutcome> SaveDecisionAsync(
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
