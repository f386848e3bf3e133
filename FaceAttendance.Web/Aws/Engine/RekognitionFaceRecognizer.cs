using System.Text;
using FaceAttendance.Web.Aws.Rekognition;
using FaceAttendance.Web.Aws.S3;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Storage;

namespace FaceAttendance.Web.Aws.Engine;

/// <summary>
/// Recognition by Amazon Rekognition (or a compatible endpoint): one collection holds every enrolled face, its
/// ExternalImageId is <c>personId:faceId</c>. Snapshots in S3 are passed as S3Object references, so the app never
/// downloads them; with another store the bytes are sent.
/// </summary>
public sealed partial class RekognitionFaceRecognizer(
    RekognitionClient rekognition, IObjectStore store, RekognitionEngineOptions options, ILogger<RekognitionFaceRecognizer> logger) : IFaceRecognizer
{
    private volatile bool ready;

    public bool IsReady => ready;

    public async Task PrepareAsync(CancellationToken ct)
    {
        try
        {
            var collection = await rekognition.DescribeCollectionAsync(new DescribeCollectionRequest(options.CollectionId), ct);
            LogCollection(logger, options.CollectionId, collection.FaceCount, collection.FaceModelVersion);
        }
        catch (RekognitionException e) when (e.ErrorCode == "ResourceNotFoundException" && options.CreateCollection)
        {
            await rekognition.CreateCollectionAsync(new CreateCollectionRequest(options.CollectionId), ct);
            LogCreated(logger, options.CollectionId);
        }
        ready = true;
    }

    public async Task<Identification> IdentifyAsync(ImageRef image, CancellationToken ct)
    {
        var (problem, match) = await SearchAsync(await ImageOf(image, ct), ct);
        return problem is not null ? new Identification(problem, null, 0)
            : new Identification(null, match is null ? null : PersonOf(match.Face), (match?.Similarity ?? 0) / 100);
    }

    public async Task<Enrolment> EnrolAsync(Guid personId, Guid faceId, ImageRef photo, CancellationToken ct)
    {
        var image = await ImageOf(photo, ct);
        var (problem, match) = await SearchAsync(image, ct);
        if (problem is not null)
        {
            return new Enrolment(problem, null, null);
        }
        if (match is not null && PersonOf(match.Face) is { } other && other != personId)
        {
            return new Enrolment(new FaceProblem(FaceProblemCode.BelongsToOther,
                $"This face already belongs to another enrolled person (similarity {match.Similarity:0.0}%).", [], null, other), null, null);
        }
        var indexed = await rekognition.IndexFacesAsync(new IndexFacesRequest(options.CollectionId, image,
            ExternalImageId: $"{personId:N}:{faceId:N}", MaxFaces: 1, QualityFilter: options.QualityFilter), ct);
        if (indexed.FaceRecords is not [var record])
        {
            var reasons = indexed.UnindexedFaces?.SelectMany(u => u.Reasons).Distinct().ToList() ?? [];
            return new Enrolment(new FaceProblem(FaceProblemCode.PoorQuality,
                $"Amazon Rekognition did not index the face: {string.Join(", ", reasons)}.", reasons), null, null);
        }
        // what the database keeps is Rekognition's face id: the vector itself never leaves the service
        return new Enrolment(null, null, new FaceTemplate(Encoding.UTF8.GetBytes(record.Face.FaceId), $"rekognition:{indexed.FaceModelVersion}"));
    }

    public async Task ForgetAsync(IReadOnlyCollection<Guid> faceIds, CancellationToken ct)
    {
        var suffixes = faceIds.Select(id => $":{id:N}").ToList();
        var doomed = new List<string>();
        string? next = null;
        do
        {
            var page = await rekognition.ListFacesAsync(new ListFacesRequest(options.CollectionId, next, MaxResults: 4096), ct);
            doomed.AddRange(page.Faces.Where(f => suffixes.Any(s => f.ExternalImageId?.EndsWith(s, StringComparison.Ordinal) == true)).Select(f => f.FaceId));
            next = page.NextToken;
        }
        while (next is not null);
        foreach (var chunk in doomed.Chunk(4096))
        {
            await rekognition.DeleteFacesAsync(new DeleteFacesRequest(options.CollectionId, chunk), ct);
        }
    }

    private async Task<(FaceProblem? Problem, FaceMatch? Match)> SearchAsync(Image image, CancellationToken ct)
    {
        try
        {
            var search = await rekognition.SearchFacesByImageAsync(new SearchFacesByImageRequest(options.CollectionId, image,
                MaxFaces: 1, FaceMatchThreshold: options.FaceMatchThreshold, QualityFilter: options.QualityFilter), ct);
            return (null, search.FaceMatches.FirstOrDefault());
        }
        catch (RekognitionException e) when (e.ErrorCode == "InvalidParameterException" && e.ServiceMessage.Contains("no faces", StringComparison.OrdinalIgnoreCase))
        {
            return (new FaceProblem(FaceProblemCode.NoFace, "No face was found in the image.", []), null);
        }
    }

    private async Task<Image> ImageOf(ImageRef image, CancellationToken ct)
    {
        if (store is S3ObjectStore s3)
        {
            var (bucket, key) = s3.Locate(image.Key);
            return new Image(S3Object: new S3Object(bucket, key));
        }
        return new Image(image.Content ?? await store.ReadAsync(image.Key, ct) ?? throw new ObjectNotFoundException(image.Key));
    }

    private static Guid? PersonOf(Face face) =>
        face.ExternalImageId?.Split(':') is [var person, _] && Guid.TryParseExact(person, "N", out var id) ? id : null;

    [LoggerMessage(Level = LogLevel.Information, Message = "Rekognition collection {CollectionId}: {Faces} faces, face model {Version}")]
    private static partial void LogCollection(ILogger logger, string collectionId, long faces, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Rekognition collection {CollectionId}")]
    private static partial void LogCreated(ILogger logger, string collectionId);
}
