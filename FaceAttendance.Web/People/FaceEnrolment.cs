using FaceAttendance.Web.Data;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Observability;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.People;

/// <summary>Either a <see cref="Problem"/> or the new <see cref="Face"/>; <see cref="Quality"/> and <see cref="Box"/> (where the
/// face judged is in the photo) are there in both cases when the engine got as far as judging it.</summary>
public sealed record EnrolOutcome(FaceProblem? Problem, Face? Face, FaceQualityReport? Quality, PhotoFaceBox? Box = null);

/// <summary>Adds and removes faces of people, keeping the database, the object store and the recognizer in step.
/// Used by the admin API, the admin pages and <see cref="KioskLearning"/>.</summary>
public sealed class FaceEnrolment(
    AttendanceDbContext db, IFaceRecognizer recognizer, IObjectStore store, ConsentOptions consent, AttendanceMetrics metrics, TimeProvider time)
{
    /// <summary>
    /// Enrols the face in <paramref name="photo"/> for an existing person. Unless <paramref name="force"/> (the admin
    /// confirmed it is them), a face that does not match the person's enrolled faces is refused with face-mismatch; photos
    /// enrolled one after another for a new person are so checked against the ones before them.
    /// </summary>
    public async Task<EnrolOutcome> EnrolAsync(Person person, UploadedImage photo, bool force, CancellationToken ct)
    {
        var outcome = await TryEnrolAsync(person, photo, force, ct);
        metrics.Enrolment(outcome.Problem is { } problem ? FaceProblems.Code(problem.Code) : "accepted");
        return outcome;
    }

    /// <summary>Judged first, stored after: a refused photo never reaches the store, and the recognizer starts
    /// recognising the face only once its row is committed.</summary>
    private async Task<EnrolOutcome> TryEnrolAsync(Person person, UploadedImage photo, bool force, CancellationToken ct)
    {
        if (MissingConsent(person) is { } missing)
        {
            return new EnrolOutcome(missing, null, null);
        }
        var rules = new EnrolmentRules(person.Id, MustMatchOwnFaces: !force && await db.Faces.AnyAsync(f => f.PersonId == person.Id, ct));
        var faceId = Guid.CreateVersion7(time.GetUtcNow());
        var enrolment = await recognizer.EnrolAsync(faceId, new ImageRef(null, photo.Content), rules, ct);
        if (enrolment.Problem is not null)
        {
            return new EnrolOutcome(enrolment.Problem, null, enrolment.Quality, enrolment.Box);
        }
        var face = new Face
        {
            Id = faceId,
            PersonId = person.Id,
            Embedding = enrolment.Template!.Data,
            ModelId = enrolment.Template.ModelId,
            PhotoKey = ObjectKeys.FacePhoto(person.Id, faceId, photo.ContentType),
            Box = enrolment.Box,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        await AddFaceAsync(face, photo.Content, ct);
        return new EnrolOutcome(null, face, enrolment.Quality, enrolment.Box);
    }

    /// <summary>Why no face may be added for this person yet (their consent is required and missing); null when it may.</summary>
    public FaceProblem? MissingConsent(Person person) => consent.Required && person.ConsentedAt is null
        ? new FaceProblem(FaceProblemCode.ConsentMissing,
            $"Record {person.Name}'s consent to the biometric notice (version {consent.NoticeVersion}) before enrolling a face.", [])
        : null;

    /// <summary>Stores a judged face's photo, commits its row (with whatever else is pending, such as an audit entry) and
    /// lets the recognizer recognise it: for faces an admin enrols and faces learned at the kiosk alike.</summary>
    public async Task AddFaceAsync(Face face, byte[] photo, CancellationToken ct)
    {
        db.Faces.Add(face);
        try
        {
            await store.TryPutAsync(face.PhotoKey, photo, ct);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            // Rekognition's collection took the face when it judged it; the local engine has nothing to undo
            await recognizer.ForgetAsync([face], CancellationToken.None);
            await store.DeleteAsync(face.PhotoKey, CancellationToken.None);
            throw;
        }
        await recognizer.AddAsync(face, ct);
    }

    /// <returns>false when the person has no such face.</returns>
    public async Task<bool> RemoveFaceAsync(Guid personId, Guid faceId, CancellationToken ct)
    {
        var face = await db.Faces.SingleOrDefaultAsync(f => f.Id == faceId && f.PersonId == personId, ct);
        if (face is null)
        {
            return false;
        }
        await recognizer.ForgetAsync([face], ct);
        db.Faces.Remove(face);
        await db.SaveChangesAsync(ct);
        await store.DeleteAsync(face.PhotoKey, ct);
        return true;
    }

    /// <summary>What a decision or correction says where it named a person since erased.</summary>
    public const string ErasedPerson = "an erased person";

    /// <summary>
    /// Erases a person: every face and embedding, every photo under their folder in the store (whether or not a face
    /// row names it), every kiosk snapshot recognised as them and the decisions that name them. An unknown face enrolled
    /// for them and a correction that took an event away from them say "an erased person" instead of their name. Their
    /// attendance history stays, with the name and employee id it was recorded under; the audit log records the erasure. With
    /// SQLite the freed pages are zeroed (secure_delete) and the write-ahead log is checkpointed, so the embedding
    /// cannot be read back from the files.
    /// </summary>
    /// <returns>false when there is no such person.</returns>
    public async Task<bool> ErasePersonAsync(Guid personId, CancellationToken ct)
    {
        var person = await db.People.Include(p => p.Faces).SingleOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null)
        {
            return false;
        }
        await recognizer.ForgetAsync([.. person.Faces], ct);
        var snapshots = await db.AttendanceEvents.Where(e => e.PersonId == personId && e.SnapshotKey != null)
            .Select(e => e.SnapshotKey!)
            .Union(db.ScanDecisions.Where(d => d.PersonId == personId).Select(d => d.SnapshotKey))
            .ToListAsync(ct);
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await db.AttendanceEvents.Where(e => e.PersonId == personId)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.PersonId, (Guid?)null).SetProperty(e => e.SnapshotKey, (string?)null), ct);
            await db.ScanDecisions.Where(d => d.PersonId == personId).ExecuteDeleteAsync(ct);
            // the decision keeps only a name: a namesake's loses it too, which errs on the side of forgetting
            await db.ScanDecisions.Where(d => d.EnrolledAs == person.Name)
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.EnrolledAs, ErasedPerson), ct);
            await db.AttendanceCorrections.Where(c => c.FromPersonId == personId).ExecuteUpdateAsync(set => set
                .SetProperty(c => c.FromPersonId, (Guid?)null)
                .SetProperty(c => c.FromName, ErasedPerson)
                .SetProperty(c => c.FromEmployeeId, (string?)null), ct);
            db.People.Remove(person);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }
        var photos = await store.ListAsync($"{ObjectKeys.FacesPrefix}{personId:N}/", ct).ToListAsync(ct);
        foreach (var key in photos.Concat(person.Faces.Select(f => f.PhotoKey)).Concat(snapshots).Distinct())
        {
            await store.DeleteAsync(key, ct);
        }
        await db.PurgeErasedRowsAsync(ct);
        return true;
    }
}
