using FaceAttendance.Vision;
using FaceAttendance.Web.Aws.Rekognition;

namespace FaceAttendance.Web.Aws.Endpoint;

/// <summary>
/// Rekognition's face-collection operations answered by the local engine. This half: collections and face lists;
/// the face work (detect, index, search) is in LocalRekognition.Faces.cs.
/// </summary>
public sealed partial class LocalRekognition(FaceEngine engine, FaceCollections collections, RekognitionImages images, string region)
{
    private const int DefaultListSize = 1000;
    private const int MaxListSize = 4096;

    private string FaceModelVersion => engine.ModelId;

    public CreateCollectionResponse CreateCollection(CreateCollectionRequest request)
    {
        var collection = collections.Create(request.CollectionId, FaceModelVersion);
        return new CreateCollectionResponse(200, Arn(collection.Id), collection.FaceModelVersion);
    }

    public DescribeCollectionResponse DescribeCollection(DescribeCollectionRequest request)
    {
        var collection = collections.Get(request.CollectionId);
        return new DescribeCollectionResponse(collection.Count, collection.FaceModelVersion, Arn(collection.Id), collection.CreatedAt);
    }

    public ListCollectionsResponse ListCollections(ListCollectionsRequest request)
    {
        var all = collections.All();
        var (page, next) = Page(all, request.NextToken, request.MaxResults);
        return new ListCollectionsResponse([.. page.Select(c => c.Id)], [.. page.Select(c => c.FaceModelVersion)], next);
    }

    public DeleteCollectionResponse DeleteCollection(DeleteCollectionRequest request)
    {
        collections.Delete(request.CollectionId);
        return new DeleteCollectionResponse(200);
    }

    public ListFacesResponse ListFaces(ListFacesRequest request)
    {
        var collection = collections.Get(request.CollectionId);
        var wanted = request.FaceIds is null ? null : ParseFaceIds(request.FaceIds).ToHashSet();
        var faces = collection.Snapshot()
            .Where(f => wanted is null || wanted.Contains(f.FaceId))
            .Where(f => request.UserId is null) // users (AssociateFaces) are not supported, so no face belongs to one
            .ToList();
        var (listed, next) = Page(faces, request.NextToken, request.MaxResults);
        var page = listed.Select(ToFace).ToList();
        return new ListFacesResponse(page, collection.FaceModelVersion, next);
    }

    public DeleteFacesResponse DeleteFaces(DeleteFacesRequest request)
    {
        var collection = collections.Get(request.CollectionId);
        if (request.FaceIds is not { Count: >= 1 and <= 4096 })
        {
            throw RekognitionErrors.InvalidParameter("FaceIds must list between 1 and 4096 face ids.");
        }
        var ids = ParseFaceIds(request.FaceIds).ToList();
        var removed = collection.Remove(ids);
        return new DeleteFacesResponse(
            [.. removed.Select(Format)],
            [.. ids.Except(removed).Select(id => new UnsuccessfulFaceDeletion(Format(id), ["FACE_NOT_FOUND"]))]);
    }

    /// <summary>One page of a listing; the token is the offset of the next page in the listing's stable order.</summary>
    private static (List<T> Page, string? NextToken) Page<T>(IReadOnlyList<T> items, string? token, int? maxResults)
    {
        var size = maxResults ?? DefaultListSize;
        if (size is < 0 or > MaxListSize)
        {
            throw RekognitionErrors.InvalidParameter($"MaxResults must be between 0 and {MaxListSize}.");
        }
        var start = token is null ? 0
            : int.TryParse(token, out var offset) && offset >= 0 && offset <= items.Count ? offset
            : throw RekognitionErrors.InvalidPaginationToken();
        var page = items.Skip(start).Take(size).ToList();
        var end = start + page.Count;
        return (page, end < items.Count ? end.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    private string Arn(string collectionId) => $"arn:aws:rekognition:{region}:000000000000:collection/{collectionId}";

    private Face ToFace(StoredFace face) => new(
        Format(face.FaceId), face.BoundingBox, Format(face.ImageId), face.Confidence, face.ExternalImageId, FaceModelVersion);

    private static IEnumerable<Guid> ParseFaceIds(IEnumerable<string> faceIds) =>
        faceIds.Select(id => Guid.TryParseExact(id, "D", out var guid) && id == Format(guid) ? guid
            : throw RekognitionErrors.InvalidParameter(
                $"Value '{id}' at 'faceIds' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-f]{{8}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{4}}-[0-9a-f]{{12}}"));

    private static string Format(Guid id) => id.ToString("D");
}
