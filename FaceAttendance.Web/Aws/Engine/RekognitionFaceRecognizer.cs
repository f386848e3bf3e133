using System.Diagnostics;
using System.Text;
using FaceAttendance.Web.Aws.Rekognition;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Observability;
using FaceAttendance.Web.Storage;

using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FaceAttendance.Web.Aws.Engine;

/// <summary>
/// Recognition by Amazon Rekognition (or a compatible endpoint): one collection holds every enrolled face, its
/// ExternalImageId is <c>personId:faceId</c>. Snapshots in S3 are passed as S3Object references, so the app never
/// downloads them; with another store the bytes are sent.
/// </summary>
public sealed partial class RekognitionFaceRecognizer(
    RekognitionClient rekognition, IObjectStore store, RekognitionEngineOptions options, RekognitionCollectionSync sync,
    AttendanceMetrics metrics, ILogger<RekognitionFaceRecognizer> logger) : IFaceRecognizer
{
    private volatile bool ready;

    public bool IsReady => ready;

    /// <summary>
    /// Makes sure the collection exists and matches the database. Refused credentials do not stop the app: it starts
    /// unhealthy, and every recognition answers 503 saying what Rekognition refused.
    /// </summary>
    public async Task PrepareAsync(CancellationToken ct)
    {
        try
        {
            await EnsureCollectionAsync(ct);
            if (await sync.SyncAsync(ct) is { } report)
            {
                LogSynced(logger, options.CollectionId, report.InStep, report.Indexed, report.Deleted, report.Failed.Count);
            }
            else
            {
                LogSyncElsewhere(logger, options.CollectionId);
            }
            ready = true;
        }
        catch (RekognitionException e) when (e.IsRefusedCredentials)
        {
            LogRefused(logger, e, options.CollectionId, e.ErrorCode);
        }
    }

    // the collection is the one index of every instance: nothing to follow
    public Task<int> CatchUpAsync(CancellationToken ct) => Task.FromResult(0);

    /// <summary>For /healthz: the configured collection exists and answers; a missing one makes the app unhealthy with the reason.</summary>
    public async Task<HealthCheckResult> CheckIndexHealthAsync(CancellationToken ct)
    {
        try
        {
            var collection = await rekognition.DescribeCollectionAsync(new DescribeCollectionRequest(options.CollectionId), ct);
            return HealthCheckResult.Healthy($"Rekognition collection {options.CollectionId} holds {collection.FaceCount} faces.",
                new Dictionary<string, object> { ["faces"] = collection.FaceCount });
        }
        catch (RekognitionException e) when (e.ErrorCode == "ResourceNotFoundException")
        {
            return HealthCheckResult.Unhealthy($"The Rekognition collection {options.CollectionId} does not exist, so enrolment and recognition answer 503. " +
                "Create it, or set FaceAttendance:Engine:Rekognition:CreateCollection=true and restart.");
        }
        catch (RekognitionException e)
        {
            return HealthCheckResult.Unhealthy($"Amazon Rekognition answered DescribeCollection for {options.CollectionId} with {e.ErrorCode}: {e.ServiceMessage}");
        }
    }

    private async Task EnsureCollectionAsync(CancellationToken ct)
    {
        try
        {
            await rekognition.DescribeCollectionAsync(new DescribeCollectionRequest(options.CollectionId), ct);
        }
        catch (RekognitionException e) when (e.ErrorCode == "ResourceNotFoundException" && options.CreateCollection)
        {
            await rekognition.CreateCollectionAsync(new CreateCollectionRequest(options.CollectionId), ct);
            LogCreated(logger, options.CollectionId);
        }
    }

    /// <summary>A burst's frames are searched in turn until one shows a face Rekognition can search, and that one
    /// decides: a blurred or empty frame is passed over, but an unknown face is not searched again in the next frame,
    /// which would give a stranger one more chance per frame. Liveness and turns need the local engine (checked at start).</summary>
    public async Task<Identification> IdentifyAsync(IReadOnlyList<ImageRef> frames, bool scoreLiveness, Vision.HeadTurn? turn, CancellationToken ct)
    {
        Identification? identification = null;
        for (var index = 0; index < frames.Count; index++)
        {
            var image = await store.ImageAsync(frames[index], ct);
            // Rekognition decodes, detects, embeds and searches in one call
            var searched = Stopwatch.GetTimestamp();
            var (problem, matches) = await SearchAsync(image, maxFaces: 1, ct);
            metrics.Stage("search", Stopwatch.GetElapsedTime(searched));
            if (problem is not null)
            {
                identification ??= new Identification(problem, null, 0);
                continue;
            }
            var closest = matches.FirstOrDefault();
            // an unknown face still reports how close the nearest one was, which helps tune the threshold
            var similarity = (closest?.Similarity ?? 0) / 100;
            return new Identification(null, IsMatch(closest) ? PersonIdOf(closest!.Face) : null, similarity, BestFrame: index);
        }
        return identification!;
    }

    public async Task<Enrolment> EnrolAsync(Guid faceId, ImageRef photo, EnrolmentRules rules, CancellationToken ct)
    {
        var image = await store.ImageAsync(photo, ct);
        var (problem, matches) = await SearchAsync(image, OwnFacesSearched, ct);
        if (problem is not null)
        {
            return new Enrolment(problem, null, null);
        }
        // Rekognition scores single faces: a person's similarity is that of their best face
        var closestOther = matches.Where(m => PersonIdOf(m.Face) is { } other && other != rules.PersonId)
            .Select(m => (Vision.PersonScore?)new Vision.PersonScore(PersonIdOf(m.Face)!.Value, m.Similarity / 100)).FirstOrDefault();
        var own = matches.Where(m => PersonIdOf(m.Face) == rules.PersonId).Select(m => m.Similarity / 100).DefaultIfEmpty(0).Max();
        if (rules.Judge(closestOther, own, options.FaceMatchThreshold / 100, quality: null) is { } refused)
        {
            return new Enrolment(refused, null, null);
        }
        var indexed = await rekognition.IndexFacesAsync(new IndexFacesRequest(options.CollectionId, image,
            ExternalImageId: ExternalImageId(rules.PersonId, faceId), MaxFaces: 1, QualityFilter: options.QualityFilter), ct);
        if (indexed.FaceRecords is not [var record])
        {
            var reasons = indexed.UnindexedFaces?.SelectMany(u => u.Reasons).Distinct().ToList() ?? [];
            return new Enrolment(new FaceProblem(FaceProblemCode.PoorQuality,
                $"Amazon Rekognition did not index the face: {string.Join(", ", reasons)}.", reasons), null, null);
        }
        return new Enrolment(null, null, TemplateOf(record.Face.FaceId, indexed.FaceModelVersion));
    }

    /// <summary>Nothing to do: <see cref="EnrolAsync"/> indexed the face into the collection already.</summary>
    public Task AddAsync(Data.Face face, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// Deletes the faces by the Rekognition ids their templates hold. A face without one (made by the local engine) is not
    /// in the collection: the sync at start indexes such faces and stores their ids, or reports them as failed.
    /// </summary>
    public Task ForgetAsync(IReadOnlyCollection<Data.Face> faces, CancellationToken ct) =>
        rekognition.DeleteAllFacesAsync(options.CollectionId, [.. faces.Select(RekognitionIdOf).OfType<string>()], ct);

    private bool IsMatch(FaceMatch? match) => match is not null && match.Similarity >= options.FaceMatchThreshold;

    // enough closest faces that a person's own faces (guided to 3-5) show among them beside look-alikes
    private const int OwnFacesSearched = 20;

    /// <summary>The closest faces in the collection, best first, whatever their similarity, or why the image cannot be searched.</summary>
    private async Task<(FaceProblem? Problem, IReadOnlyList<FaceMatch> Matches)> SearchAsync(Image image, int maxFaces, CancellationToken ct)
    {
        try
        {
            var search = await rekognition.SearchFacesByImageAsync(new SearchFacesByImageRequest(options.CollectionId, image,
                MaxFaces: maxFaces, FaceMatchThreshold: 0, QualityFilter: options.QualityFilter), ct);
            return (null, search.FaceMatches);
        }
        catch (RekognitionException e) when (e.ErrorCode == "InvalidParameterException" && e.ServiceMessage.Contains("no faces", StringComparison.OrdinalIgnoreCase))
        {
            return (new FaceProblem(FaceProblemCode.NoFace, "No face was found in the image.", []), []);
        }
        // the image is at fault, not the service: the same refusals the local engine's decoder gives
        catch (RekognitionException e) when (e.ErrorCode == "InvalidImageFormatException")
        {
            throw new Vision.ImageRejectedException(Vision.ImageRejection.Undecodable, $"Amazon Rekognition could not read the image: {e.ServiceMessage}");
        }
        catch (RekognitionException e) when (e.ErrorCode == "ImageTooLargeException")
        {
            throw new Vision.ImageRejectedException(Vision.ImageRejection.TooLarge, $"The image is too large for Amazon Rekognition: {e.ServiceMessage}");
        }
    }

    private static Guid? PersonIdOf(Face face) =>
        face.ExternalImageId?.Split(':') is [var person, _] && Guid.TryParseExact(person, "N", out var id) ? id : null;

    /// <summary>How a face is named in the collection: person and face of this app's database.</summary>
    internal static string ExternalImageId(Guid personId, Guid faceId) => $"{personId:N}:{faceId:N}";

    /// <summary>What the database keeps of a face held by Rekognition: Rekognition's face id (the vector itself never
    /// leaves the service), under a model id naming Rekognition's face model.</summary>
    internal static FaceTemplate TemplateOf(string rekognitionFaceId, string faceModelVersion) =>
        new(Encoding.UTF8.GetBytes(rekognitionFaceId), ModelIdPrefix + faceModelVersion);

    /// <summary>Rekognition's id of an enrolled face (see <see cref="TemplateOf"/>), or null when another engine made it.</summary>
    internal static string? RekognitionIdOf(Data.Face face) =>
        face.ModelId.StartsWith(ModelIdPrefix, StringComparison.Ordinal) ? Encoding.UTF8.GetString(face.Embedding) : null;

    private const string ModelIdPrefix = "rekognition:";

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Rekognition collection {CollectionId} in step with the database: {InStep} kept, {Indexed} indexed, {Deleted} stray deleted, {Failed} not indexable")]
    private static partial void LogSynced(ILogger logger, string collectionId, int inStep, int indexed, int deleted, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance is reconciling collection {CollectionId} with the database; this one starts without waiting")]
    private static partial void LogSyncElsewhere(ILogger logger, string collectionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Amazon Rekognition refused the app's credentials for collection {CollectionId} ({Code}); recognition answers 503 until this is fixed")]
    private static partial void LogRefused(ILogger logger, Exception exception, string collectionId, string code);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created Rekognition collection {CollectionId}")]
    private static partial void LogCreated(ILogger logger, string collectionId);
}
