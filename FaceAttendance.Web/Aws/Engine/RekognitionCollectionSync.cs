using FaceAttendance.Web.Aws.Rekognition;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Aws.Engine;

/// <summary>What a reconciliation did: faces indexed from their enrolment photos, collection faces no person owns any more
/// that were deleted, faces already in step, and faces whose photo could not be indexed.</summary>
public sealed record CollectionSyncReport(int Indexed, int Deleted, int InStep, IReadOnlyList<Guid> Failed);

/// <summary>
/// Keeps the Rekognition collection in step with the database, both ways: every enrolled face is in the collection
/// (indexed again from its kept photo if missing, e.g. after switching from the local engine), and every collection face
/// belongs to an enrolled face (others are deleted). Runs at start and from the admin API, on one instance at a time:
/// two at once would index a missing face twice.
/// </summary>
public sealed class RekognitionCollectionSync(
    RekognitionClient rekognition, IObjectStore store, RekognitionEngineOptions options, IServiceScopeFactory scopes, JobLeases leases)
{
    private const string LeaseName = "rekognition-collection-sync";
    // longer than any sync should take; released as soon as it ends
    private static readonly TimeSpan LeaseDuration = TimeSpan.FromMinutes(30);

    /// <returns>What the sync did, or null when another instance is running one.</returns>
    public async Task<CollectionSyncReport?> SyncAsync(CancellationToken ct)
    {
        if (!await leases.TryAcquireAsync(LeaseName, LeaseDuration, ct))
        {
            return null;
        }
        try
        {
            return await SyncHoldingLeaseAsync(ct);
        }
        finally
        {
            await leases.ReleaseAsync(LeaseName, CancellationToken.None);
        }
    }

    private async Task<CollectionSyncReport> SyncHoldingLeaseAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        var enrolled = await db.Faces.ToListAsync(ct);
        var inCollection = (await rekognition.ListAllFacesAsync(options.CollectionId, ct)).ToDictionary(f => f.FaceId);

        var (indexed, inStep, failed, owned) = (0, 0, new List<Guid>(), new HashSet<string>());
        foreach (var face in enrolled)
        {
            var rekognitionId = RekognitionFaceRecognizer.RekognitionIdOf(face);
            if (rekognitionId is not null && inCollection.ContainsKey(rekognitionId))
            {
                owned.Add(rekognitionId);
                inStep++;
                continue;
            }
            if (await IndexAsync(face, ct) is { } added)
            {
                var template = RekognitionFaceRecognizer.TemplateOf(added.FaceId, added.FaceModelVersion);
                (face.Embedding, face.ModelId) = (template.Data, template.ModelId);
                owned.Add(added.FaceId);
                indexed++;
            }
            else
            {
                failed.Add(face.Id);
            }
        }
        await db.SaveChangesAsync(ct);

        var strays = inCollection.Keys.Where(id => !owned.Contains(id)).ToList();
        await rekognition.DeleteAllFacesAsync(options.CollectionId, strays, ct);
        return new CollectionSyncReport(indexed, strays.Count, inStep, failed);
    }

    /// <summary>Indexes one enrolled face from its kept photo; null when the photo is gone or holds no indexable face.</summary>
    private async Task<(string FaceId, string FaceModelVersion)?> IndexAsync(Data.Face face, CancellationToken ct)
    {
        try
        {
            // the photo passed the quality checks at enrolment, so no filter second-guesses it now
            var result = await rekognition.IndexFacesAsync(new IndexFacesRequest(options.CollectionId,
                await store.ImageAsync(new ImageRef(face.PhotoKey), ct), RekognitionFaceRecognizer.ExternalImageId(face.PersonId, face.Id),
                MaxFaces: 1, QualityFilter: QualityFilter.None), ct);
            return result.FaceRecords is [var record] ? (record.Face.FaceId, result.FaceModelVersion) : null;
        }
        catch (Exception e) when (e is ObjectNotFoundException
            || e is RekognitionException { ErrorCode: "InvalidS3ObjectException" or "InvalidImageFormatException" or "ImageTooLargeException" or "InvalidParameterException" })
        {
            return null;
        }
    }
}
