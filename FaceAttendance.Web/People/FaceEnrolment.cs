using FaceAttendance.Web.Data;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.People;

/// <summary>Either a <see cref="Problem"/> or the new <see cref="Face"/>; <see cref="Quality"/> is there in both cases
/// when the engine got as far as judging it.</summary>
public sealed record EnrolOutcome(FaceProblem? Problem, Face? Face, FaceQualityReport? Quality);

/// <summary>Adds and removes faces of people, keeping the database, the object store and the recognizer in step.
/// Used by the admin API and the admin pages.</summary>
public sealed class FaceEnrolment(AttendanceDbContext db, IFaceRecognizer recognizer, IObjectStore store, TimeProvider time)
{
    /// <summary>
    /// Enrols the face in <paramref name="photo"/> for an existing person. Unless <paramref name="force"/> (the admin
    /// confirmed it is them), a face that does not match the person's enrolled faces is refused with face-mismatch; photos
    /// enrolled one after another for a new person are so checked against the ones before them.
    /// </summary>
    public async Task<EnrolOutcome> EnrolAsync(Person person, UploadedImage photo, bool force, CancellationToken ct)
    {
        var mustMatchOwnFaces = !force && await db.Faces.AnyAsync(f => f.PersonId == person.Id, ct);
        var face = new Face { PersonId = person.Id, Embedding = [], ModelId = "", PhotoKey = "", CreatedAt = time.GetUtcNow().UtcDateTime };
        face.PhotoKey = ObjectKeys.FacePhoto(person.Id, face.Id, photo.ContentType);
        // stored first so a cloud engine can read the photo where it is; removed again if it is refused
        await store.TryPutAsync(face.PhotoKey, photo.Content, ct);
        var enrolment = await recognizer.EnrolAsync(person.Id, face.Id, new ImageRef(face.PhotoKey, photo.Content), mustMatchOwnFaces, ct);
        if (enrolment.Problem is not null)
        {
            await store.DeleteAsync(face.PhotoKey, ct);
            return new EnrolOutcome(enrolment.Problem, null, enrolment.Quality);
        }
        (face.Embedding, face.ModelId) = (enrolment.Template!.Data, enrolment.Template.ModelId);
        db.Faces.Add(face);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            await recognizer.ForgetAsync([face], CancellationToken.None);
            await store.DeleteAsync(face.PhotoKey, CancellationToken.None);
            throw;
        }
        return new EnrolOutcome(null, face, enrolment.Quality);
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

    /// <summary>Erases a person: every face, embedding, enrolment photo and kiosk snapshot of them. Their attendance
    /// history stays, with the name and employee id it was recorded under.</summary>
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
            .Select(e => e.SnapshotKey!).ToListAsync(ct);
        await db.AttendanceEvents.Where(e => e.PersonId == personId)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.PersonId, (Guid?)null).SetProperty(e => e.SnapshotKey, (string?)null), ct);
        db.People.Remove(person);
        await db.SaveChangesAsync(ct);
        foreach (var key in person.Faces.Select(f => f.PhotoKey).Concat(snapshots))
        {
            await store.DeleteAsync(key, ct);
        }
        return true;
    }
}
