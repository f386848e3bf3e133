using FaceAttendance.Vision;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Faces;

/// <summary>Recognition on this machine: the local engine plus an in-memory <see cref="PersonGallery"/> of every
/// enrolled face, loaded from the database at start.</summary>
public sealed partial class LocalFaceRecognizer(
    FaceEngine engine, IObjectStore store, IServiceScopeFactory scopes, FaceAttendanceOptions options, ILogger<LocalFaceRecognizer> logger)
    : IFaceRecognizer
{
    private readonly PersonGallery _gallery = new(options.MatchThreshold ?? engine.MatchThreshold);
    private volatile bool _ready;

    public bool IsReady => _ready;

    public async Task PrepareAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        var faces = await db.Faces.ToListAsync(ct);
        var reembedded = 0;
        foreach (var face in faces)
        {
            if (face.ModelId != engine.ModelId || face.Embedding.Length != FaceEngine.EmbeddingDimensions * sizeof(float))
            {
                if (await ReembedAsync(face, ct) is not { } embedding)
                {
                    LogCannotReembed(logger, face.Id, face.PersonId, face.PhotoKey);
                    continue;
                }
                (face.Embedding, face.ModelId) = (EmbeddingBytes.From(embedding.Vector), embedding.ModelId);
                reembedded++;
            }
            _gallery.Add(face.Id, face.PersonId, EmbeddingBytes.ToVector(face.Embedding));
        }
        await db.SaveChangesAsync(ct);
        _ready = true;
        LogLoaded(logger, _gallery.FaceCount, _gallery.PersonCount, reembedded, engine.ModelId);
    }

    public async Task<Identification> IdentifyAsync(ImageRef image, CancellationToken ct)
    {
        var analysis = LocalFaceAnalysis.Analyse(engine, await image.ReadAsync(store, ct), checkQuality: true, checkLiveness: true);
        if (analysis.Problem is not null)
        {
            return new Identification(analysis.Problem, null, 0);
        }
        // an unknown face still reports its closest similarity, which helps when tuning the threshold
        var decision = _gallery.Identify(analysis.Embedding!.Vector);
        return new Identification(null, decision.PersonId, Math.Max(0, decision.Best?.Similarity ?? 0), analysis.Liveness);
    }

    public async Task<Enrolment> EnrolAsync(Guid personId, Guid faceId, ImageRef photo, bool mustMatchOwnFaces, CancellationToken ct)
    {
        var analysis = LocalFaceAnalysis.Analyse(engine, await photo.ReadAsync(store, ct), checkQuality: true);
        if (analysis.Problem is not null)
        {
            return new Enrolment(analysis.Problem, analysis.Quality, null);
        }
        var embedding = analysis.Embedding!;
        // the closest two people: if the first is this person, the second is the closest other one
        if (_gallery.Closest(embedding.Vector, 2).FirstOrDefault(score => score.PersonId != personId) is { } other
            && other.Similarity >= _gallery.Threshold)
        {
            var problem = new FaceProblem(FaceProblemCode.BelongsToOther,
                $"This face already belongs to another enrolled person (similarity {other.Similarity:0.000}).", [],
                analysis.Quality, other.PersonId, other.Similarity);
            return new Enrolment(problem, analysis.Quality, null);
        }
        if (mustMatchOwnFaces && _gallery.SimilarityTo(personId, embedding.Vector) is { } own && own < _gallery.Threshold)
        {
            var problem = new FaceProblem(FaceProblemCode.Mismatch,
                $"This face does not match the person's other enrolled photos (similarity {own:0.000}, needs {_gallery.Threshold:0.000}). " +
                "If it really is them, enrol it again with force=true.", [], analysis.Quality, Similarity: own);
            return new Enrolment(problem, analysis.Quality, null);
        }
        _gallery.Add(faceId, personId, embedding.Vector);
        return new Enrolment(null, analysis.Quality, new FaceTemplate(EmbeddingBytes.From(embedding.Vector), embedding.ModelId));
    }

    public Task ForgetAsync(IReadOnlyCollection<Data.Face> faces, CancellationToken ct)
    {
        foreach (var face in faces)
        {
            _gallery.Remove(face.Id);
        }
        return Task.CompletedTask;
    }

    private async Task<FaceEmbedding?> ReembedAsync(Face face, CancellationToken ct)
    {
        if (await store.ReadAsync(face.PhotoKey, ct) is not { } photo)
        {
            return null;
        }
        try
        {
            return LocalFaceAnalysis.Analyse(engine, photo, checkQuality: false).Embedding;
        }
        catch (ImageRejectedException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Face index loaded: {Faces} faces of {People} people, {Reembedded} re-embedded for model {ModelId}")]
    private static partial void LogLoaded(ILogger logger, int faces, int people, int reembedded, string modelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Face {FaceId} of person {PersonId} was made by another model and its photo {PhotoKey} cannot be re-embedded; it is left out until it is enrolled again")]
    private static partial void LogCannotReembed(ILogger logger, Guid faceId, Guid personId, string photoKey);
}
