using FaceAttendance.Vision;
using FaceAttendance.Web.Aws.Rekognition;

namespace FaceAttendance.Web.Aws.Endpoint;

/// <summary>
/// Rekognition's face-collection operations answered by the local engine. This half: collections and face lists;
/// the face work (detect, index, search) is in LocalRekognition.Faces.cs.
/// </summary>
public sealed partial class LocalRekognition(FaceEngine engine, FaceCollections collections, RekognitionImages images, string accountId)
{
    private const int DefaultListSize = 1000;
    private const int MaxListSize = 4096;

    /// <summary>This engine's model, as clients see it.</summary>
    private string FaceModelVersion => collections.PublicVersion(engine.ModelId);

    private string FaceModelVersionOf(FaceCollection collection) => collections.PublicVersion(collection.EngineModelId);

    /// <param name="region">the region the request was signed for, which the collection's ARN names</param>
    public CreateCollectionResponse CreateCollection(CreateCollectionRequest request, string region)
    {
        var collection = collections.Create(request.CollectionId, engine.ModelId);
        return new CreateCollectionResponse(200, Arn(region, collection.Id), FaceModelVersionOf(collection));
    }

    public DescribeCollectionResponse DescribeCollection(DescribeCollectionRequest request, string region)
    {
        var collection = collections.Get(request.CollectionId);
        return new DescribeCollectionResponse(collection.Count, FaceModelVersionOf(collection), Arn(region, collection.Id), collection.CreatedAt);
    }

    public ListCollectionsResponse ListCollections(ListCollectionsRequest request)
    {
        var all = collections.All();
        var (page, next) = Page(all, request.NextToken, request.MaxResults);
        return new ListCollectionsResponse([.. page.Select(c => c.Id)], [.. page.Select(FaceModelVersionOf)], next);
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
        return new ListFacesResponse(page, FaceModelVersionOf(collection), next);
    }

    public DeleteFacesResponse DeleteFaces(DeleteFacesRequest request)
    {
        var collection = collections.Get(request.CollectionId);
        if (request.FaceIds is not { Count: >= 1 and <= 4096 })
        {
            throw request.FaceIds is null
                ? RekognitionErrors.Validation(null, "faceIds", "not be null")
                : RekognitionErrors.Validation($"[{string.Join(", ", request.FaceIds.Take(3))}{(request.FaceIds.Count > 3 ? ", ..." : "")}]", "faceIds",
                    request.FaceIds.Count < 1 ? "have length greater than or equal to 1" : "have length less than or equal to 4096");
        }
        var ids = ParseFaceIds(request.FaceIds).ToList();
        var removed = collection.Remove(ids);
        // the model's FaceIdList has at least one member, so "none deleted" leaves the member out rather than []
        return new DeleteFacesResponse(
            removed.Count == 0 ? null : [.. removed.Select(Format)],
            [.. ids.Except(removed).Select(id => new UnsuccessfulFaceDeletion(Format(id), ["FACE_NOT_FOUND"]))]);
    }

    /// <summary>One page of a listing; the token is the offset of the next page in the listing's stable order.</summary>
    private static (List<T> Page, string? NextToken) Page<T>(IReadOnlyList<T> items, string? token, int? maxResults)
    {
        if (maxResults is < 0 or > MaxListSize)
        {
            throw RekognitionErrors.Validation(maxResults, "maxResults",
                maxResults < 0 ? "have value greater than or equal to 0" : $"have value less than or equal to {MaxListSize}");
        }
        // the model allows MaxResults 0; a page of 0 would hand back the same token forever, so 0 means the default size
        var size = maxResults is null or 0 ? DefaultListSize : maxResults.Value;
        var start = token is null ? 0
            : int.TryParse(token, out var offset) && offset >= 0 && offset <= items.Count ? offset
            : throw RekognitionErrors.InvalidPaginationToken();
        var page = items.Skip(start).Take(size).ToList();
        var end = start + page.Count;
        return (page, end < items.Count ? end.ToString(System.Globalization.CultureInfo.InvariantCulture) : null);
    }

    private string Arn(string region, string collectionId) => $"arn:aws:rekognition:{region}:{accountId}:collection/{collectionId}";

    private Face ToFace(StoredFace face) => new(
        Format(face.FaceId), face.BoundingBox, Format(face.ImageId), face.Confidence, face.ExternalImageId, FaceModelVersion);

    private static IEnumerable<Guid> ParseFaceIds(IEnumerable<string> faceIds) =>
        faceIds.Select(id => Guid.TryParseExact(id, "D", out var guid) && id == Format(guid) ? guid
            : throw RekognitionErrors.Validation(id, "faceIds",
                "satisfy regular expression pattern: [0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"));

    private static string Format(Guid id) => id.ToString("D");
}
