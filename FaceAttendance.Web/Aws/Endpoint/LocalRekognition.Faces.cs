using System.Text.RegularExpressions;
using FaceAttendance.Vision;
using FaceAttendance.Web.Aws.Rekognition;

namespace FaceAttendance.Web.Aws.Endpoint;

public sealed partial class LocalRekognition
{
    private const int MaxIndexedFaces = 100;
    private const int MaxSearchMatches = 4096;

    public async Task<DetectFacesResponse> DetectFacesAsync(DetectFacesRequest request, CancellationToken ct)
    {
        using var image = await images.DecodeAsync(request.Image, ct);
        return new DetectFacesResponse([.. engine.Detect(image).Select(face => FaceDetails.Describe(image, face, engine.AssessQuality(image, face)))]);
    }

    public async Task<IndexFacesResponse> IndexFacesAsync(IndexFacesRequest request, CancellationToken ct)
    {
        var collection = collections.Get(request.CollectionId);
        var maxFaces = request.MaxFaces ?? MaxIndexedFaces;
        if (maxFaces < 1)
        {
            throw RekognitionErrors.Validation(maxFaces, "maxFaces", "have value greater than or equal to 1");
        }
        if (request.ExternalImageId is { } external)
        {
            if (external.Length is < 1 or > 255)
            {
                throw RekognitionErrors.Validation(external, "externalImageId", "have length less than or equal to 255");
            }
            if (!ExternalImageIdPattern().IsMatch(external))
            {
                throw RekognitionErrors.Validation(external, "externalImageId", "satisfy regular expression pattern: [a-zA-Z0-9_.\\-:]+");
            }
        }
        var filter = QualityFilterOf(request.QualityFilter, QualityFilter.Auto);
        RequireSameModel(collection);
        using var image = await images.DecodeAsync(request.Image, ct);

        var indexed = new List<(DetectedFace Face, FaceDetail Detail)>();
        var unindexed = new List<UnindexedFace>();
        foreach (var face in engine.Detect(image))
        {
            var quality = engine.AssessQuality(image, face);
            var detail = FaceDetails.Describe(image, face, quality);
            if (indexed.Count >= maxFaces)
            {
                unindexed.Add(new UnindexedFace(["EXCEEDS_MAX_FACES"], detail));
            }
            else if (filter != QualityFilter.None && !quality.IsAcceptable)
            {
                unindexed.Add(new UnindexedFace(FaceDetails.Reasons(quality), detail));
            }
            else
            {
                indexed.Add((face, detail));
            }
        }
        var imageId = Guid.NewGuid();
        var embeddings = indexed.Count == 0 ? [] : engine.Embed(image, [.. indexed.Select(f => f.Face)]);
        var stored = indexed.Select((f, i) => new StoredFace(
            Guid.NewGuid(), imageId, request.ExternalImageId, f.Detail.BoundingBox, f.Detail.Confidence, embeddings[i].Vector)).ToList();
        collection.Add(stored);
        return new IndexFacesResponse(
            [.. stored.Select((face, i) => new FaceRecord(ToFace(face), indexed[i].Detail))], FaceModelVersion, unindexed);
    }

    public async Task<SearchFacesByImageResponse> SearchFacesByImageAsync(SearchFacesByImageRequest request, CancellationToken ct)
    {
        var collection = collections.Get(request.CollectionId);
        var (maxFaces, threshold) = SearchLimits(request.MaxFaces, request.FaceMatchThreshold);
        var filter = QualityFilterOf(request.QualityFilter, QualityFilter.None);
        RequireSameModel(collection);
        using var image = await images.DecodeAsync(request.Image, ct);

        // Rekognition searches the largest face; Detect lists faces largest first
        var face = engine.Detect(image).FirstOrDefault() ?? throw RekognitionErrors.NoFace();
        var embedding = filter == QualityFilter.None
            ? engine.Embed(image, face)
            : engine.AssessAndEmbed(image, face).Embedding ?? throw RekognitionErrors.NoFace();
        var matches = collection.Search(embedding.Vector, maxFaces, threshold);
        return new SearchFacesByImageResponse(
            FaceDetails.Box(image, face), FaceDetails.Confidence(face),
            FaceMatches(matches),
            FaceModelVersion);
    }

    public SearchFacesResponse SearchFaces(SearchFacesRequest request)
    {
        var collection = collections.Get(request.CollectionId);
        var (maxFaces, threshold) = SearchLimits(request.MaxFaces, request.FaceMatchThreshold);
        var faceId = ParseFaceIds([request.FaceId ?? ""]).Single();
        var face = collection.Find(faceId)
            ?? throw RekognitionErrors.InvalidParameter($"Face {request.FaceId} is not in collection {collection.Id}.");
        RequireSameModel(collection);
        // Rekognition leaves the searched face itself out of the matches
        var matches = collection.Search(face.Embedding, Math.Min(maxFaces + 1, MaxSearchMatches), threshold).Where(m => m.Face.FaceId != faceId).Take(maxFaces);
        return new SearchFacesResponse(request.FaceId!,
            FaceMatches(matches),
            FaceModelVersion);
    }

    /// <summary>Search results as Rekognition reports them, similarity as a percentage.</summary>
    private List<Rekognition.FaceMatch> FaceMatches(IEnumerable<(StoredFace Face, float Cosine)> matches) =>
        [.. matches.Select(m => new Rekognition.FaceMatch(SimilarityScale.ToPercent(m.Cosine, engine.MatchThreshold), ToFace(m.Face)))];

    /// <summary>MaxFaces and FaceMatchThreshold of the search operations, checked, with Rekognition's defaults, the threshold as a cosine.</summary>
    private (int MaxFaces, float MinCosine) SearchLimits(int? maxFaces, float? thresholdPercent)
    {
        var (max, percent) = (maxFaces ?? MaxSearchMatches, thresholdPercent ?? SimilarityScale.DefaultThresholdPercent);
        if (max is < 1 or > MaxSearchMatches)
        {
            throw RekognitionErrors.Validation(max, "maxFaces", max < 1 ? "have value greater than or equal to 1" : $"have value less than or equal to {MaxSearchMatches}");
        }
        if (percent is < 0 or > 100)
        {
            throw RekognitionErrors.Validation(percent, "faceMatchThreshold", percent < 0 ? "have value greater than or equal to 0" : "have value less than or equal to 100");
        }
        return (max, SimilarityScale.ToCosine(percent, engine.MatchThreshold));
    }

    /// <summary>Embeddings of different models are not comparable; Rekognition likewise pins a collection's face model.</summary>
    private void RequireSameModel(FaceCollection collection)
    {
        if (collection.EngineModelId != engine.ModelId)
        {
            throw RekognitionErrors.InvalidParameter(
                $"Collection {collection.Id} holds faces of model {FaceModelVersionOf(collection)}; this engine is {FaceModelVersion}. Re-create the collection and index the faces again.");
        }
    }

    private static string QualityFilterOf(string? requested, string fallback) =>
        requested is null ? fallback
        : QualityFilter.All.Contains(requested) ? requested
        : throw RekognitionErrors.Validation(requested, "qualityFilter", $"satisfy enum value set: [{string.Join(", ", QualityFilter.All)}]");

    [GeneratedRegex("^[a-zA-Z0-9_.\\-:]+$")]
    private static partial Regex ExternalImageIdPattern();
}
