using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Sites;
using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.People;

/// <summary>The enrolled face, its quality, and where in the photo the face taken is (null for an engine that does not tell).</summary>
public sealed record EnrolledFaceResponse(Guid FaceId, FaceQualityReport? Quality, PhotoFaceBox? Box);

/// <summary>A person's enrolled faces: enrol from a multipart <c>image</c> or the <c>{"key"}</c> of an upload,
/// view the kept photo, delete.</summary>
internal static class FacesApi
{
    public static RouteGroupBuilder MapFacesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/people/{id:guid}/faces").RequireAuthorization(Policies.CanRead).WithTags("People")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        // reads are the group's; a write adds its own policy, and both apply
        group.MapPost("", Enrol).RequireAuthorization(Policies.CanEditPeople)
            .AcceptsKeyOrImageForm(routes.ServiceProvider.GetRequiredService<UploadOptions>().MaxBytes)
            .WithDescription("Send JSON {\"key\"} of an uploaded photo, or multipart/form-data with the file field \"image\". " +
                "Enrol 3-5 photos per person, each alone: a photo whose face does not match the person's other photos is refused with " +
                "422 face-mismatch unless ?force=true confirms it is them.");
        group.MapGet("/{faceId:guid}/photo", Photo);
        group.MapDelete("/{faceId:guid}", Delete).RequireAuthorization(Policies.CanEditPeople);
        return group;
    }

    public static async Task<Results<Created<EnrolledFaceResponse>, ProblemHttpResult>> Enrol(
        Guid id, HttpRequest request, AttendanceDbContext db, AccessScope scope, IObjectStore store, FaceEnrolment enrolment, UploadOptions uploads,
        TimeProvider time, CancellationToken ct, bool force = false)
    {
        if (await scope.People().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } person)
        {
            return PeopleApi.PersonNotFound(id);
        }
        var (photo, uploadKey, refusal) = await PhotoOf(request, store, db, uploads, time, ct);
        if (photo is null)
        {
            return refusal!.ToProblem();
        }
        var outcome = await enrolment.EnrolAsync(person, photo, force, ct);
        if (outcome.Problem is { } faceProblem)
        {
            return faceProblem.ToRefusal().ToProblem();
        }
        if (uploadKey is not null)
        {
            // the photo is kept under faces/ now; the upload would be a second copy, and a key the kiosk could still post
            await store.DeleteAsync(uploadKey, ct);
        }
        return TypedResults.Created($"/api/people/{id}/faces/{outcome.Face!.Id}", new EnrolledFaceResponse(outcome.Face.Id, outcome.Quality, outcome.Box));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Photo(
        Guid id, Guid faceId, AttendanceDbContext db, AccessScope scope, IObjectStore store, CancellationToken ct)
    {
        var person = scope.People().Where(p => p.Id == id).Select(p => p.Id);
        var key = await db.Faces.Where(f => f.Id == faceId && person.Contains(f.PersonId)).Select(f => f.PhotoKey).SingleOrDefaultAsync(ct);
        return key is not null && await store.ReadAsync(key, ct) is { } content
            ? TypedResults.File(content, ObjectKeys.ContentTypeOf(key))
            : FaceNotFound(faceId);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, Guid faceId, AccessScope scope, FaceEnrolment enrolment, CancellationToken ct) =>
        await scope.People().AnyAsync(p => p.Id == id, ct) && await enrolment.RemoveFaceAsync(id, faceId, ct) ? TypedResults.NoContent() : FaceNotFound(faceId);

    /// <summary>The photo a request carries, or the upload its key names (with that key): only a fresh upload made through
    /// POST /presign that no scan has decided, never another stored object such as a face photo or a kiosk's evidence.</summary>
    private static async Task<(UploadedImage? Photo, string? UploadKey, Refusal? Refusal)> PhotoOf(
        HttpRequest request, IObjectStore store, AttendanceDbContext db, UploadOptions uploads, TimeProvider time, CancellationToken ct)
    {
        var (posted, refusal) = await ImageUpload.ReadKeysOrFormAsync(request, uploads.MaxBytes, maxImages: 1, ct);
        if (posted?.Keys is not [var key])
        {
            return (posted?.Images.Single(), null, refusal);
        }
        var freshUpload = ObjectKeys.IsWellFormed(key) && key.StartsWith(ObjectKeys.SnapshotsPrefix, StringComparison.Ordinal)
            && ObjectKeys.IssuedAt(key) is { } issuedAt && time.GetUtcNow() - issuedAt <= uploads.DecisionWindow;
        return freshUpload && !await db.ScanDecisions.AnyAsync(d => d.SnapshotKey == key, ct) && await store.ReadAsync(key, ct) is { } content
            ? (new UploadedImage(content, ObjectKeys.ContentTypeOf(key)), key, null)
            : (null, null, Refusal.UnknownKey(key));
    }

    private static ProblemHttpResult FaceNotFound(Guid faceId) => Problems.NotFound("face-not-found", $"This person has no face with id {faceId}.");
}
