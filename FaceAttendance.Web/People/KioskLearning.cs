using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.People;

/// <summary>
/// Recognition that improves at the kiosk (<see cref="RecognitionOptions.KioskLearning"/>, off by default): a scan
/// recognised well above the bar, from a good-quality live face, is added to its person as a kiosk-learned face, at most
/// <see cref="RecognitionOptions.LearnMaxPerPerson"/> of them (the oldest removed as an admin removes a face). Enrolled
/// faces are never replaced. Learning never fails a scan: the scan is decided and saved before it is asked.
/// </summary>
public sealed partial class KioskLearning(
    AttendanceDbContext db, FaceEnrolment faces, RecognitionOptions options, IHttpContextAccessor http, TimeProvider time, ILogger<KioskLearning> logger)
{
    /// <summary>Learns the face of a saved scan decision if it qualifies: a scan that recorded a check-in or out (a second
    /// look within the duplicate window would only replace the face just learned with its twin).</summary>
    public async Task LearnAsync(string snapshotKey, byte[] snapshot, Identification identification, ScanOutcome outcome, Guid? kioskId, CancellationToken ct)
    {
        if (!options.KioskLearning || kioskId is not { } kiosk || outcome.Result is not { Status: AttendanceStatus.CheckedIn or AttendanceStatus.CheckedOut }
            || outcome.Result.Person?.Id is not { } personId || !Qualifies(identification, personId))
        {
            return;
        }
        try
        {
            await LearnAsync(personId, kiosk, snapshotKey, snapshot, identification.Template!, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotLearned(logger, e, personId, snapshotKey);
        }
    }

    /// <summary>Recognised as this person, strictly: well above the match threshold, well ahead of the second-closest person,
    /// a face that passed the quality checks (any identification without a problem did) and the liveness check.</summary>
    private bool Qualifies(Identification identification, Guid personId) =>
        identification is { Problem: null, Template: not null } && identification.PersonId == personId
        && identification.Similarity >= options.LearnMinSimilarity && identification.Margin >= options.LearnMinMargin
        && LivenessPassed(identification);

    /// <summary>Whether the scan showed a live face: the engine's passive liveness score passed, and the head turn too when
    /// one was asked (Kiosk:Liveness=Challenge). With Kiosk:Liveness=Off there is no score, so nothing is learned.</summary>
    public static bool LivenessPassed(Identification identification) =>
        identification.Liveness?.IsLive == true && identification.Turn is not { Passed: false };

    private async Task LearnAsync(Guid personId, Guid kioskId, string snapshotKey, byte[] snapshot, FaceTemplate template, CancellationToken ct)
    {
        if (await db.People.FindAsync([personId], ct) is not { } person || faces.MissingConsent(person) is not null)
        {
            return;
        }
        var kioskName = await db.Kiosks.Where(k => k.Id == kioskId).Select(k => k.Name).SingleOrDefaultAsync(ct);
        var now = time.GetUtcNow();
        var faceId = Guid.CreateVersion7(now);
        var face = new Face
        {
            Id = faceId,
            PersonId = personId,
            Embedding = template.Data,
            ModelId = template.ModelId,
            // a copy under the person's folder, like an enrolled photo: the snapshot goes with its decision or by retention
            // the frame judged, which in a burst may be another type than the first frame the key names
            PhotoKey = ObjectKeys.FacePhoto(personId, faceId, ImageFormats.Sniff(snapshot) ?? ObjectKeys.ContentTypeOf(snapshotKey)),
            CreatedAt = now.UtcDateTime,
            LearnedAtKioskId = kioskId,
        };
        var kiosk = AuditActor.Kiosk(kioskId, kioskName ?? kioskId.ToString());
        db.AuditEntries.Add(AuditTrail.Entry(http.HttpContext, time, "face.learned", personId.ToString(), $"face {faceId} from a scan at {kiosk.Name}",
            actor: kiosk));
        // the new face first: a failure after it leaves one face too many, never one too few
        await faces.AddFaceAsync(face, snapshot, ct);
        var learned = await db.Faces.Where(f => f.PersonId == personId && f.LearnedAtKioskId != null)
            .OrderByDescending(f => f.CreatedAt).ThenByDescending(f => f.Id).Select(f => f.Id).ToListAsync(ct);
        foreach (var oldest in learned.Skip(options.LearnMaxPerPerson))
        {
            await faces.RemoveFaceAsync(personId, oldest, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not learn the face of {PersonId} from scan {SnapshotKey}; the scan stands")]
    private static partial void LogNotLearned(ILogger logger, Exception exception, Guid personId, string snapshotKey);
}
