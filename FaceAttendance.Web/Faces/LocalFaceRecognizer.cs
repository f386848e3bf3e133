using System.Collections.Concurrent;
using FaceAttendance.Vision;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Faces;

/// <summary>Recognition on this machine: the local engine plus an in-memory index of every enrolled face,
/// loaded from the database at start.</summary>
public sealed partial class LocalFaceRecognizer(
    FaceEngine engine, IObjectStore store, IServiceScopeFactory scopes, FaceAttendanceOptions options, ILogger<LocalFaceRecognizer> logger)
    : IFaceRecognizer
{
    private readonly FaceIndex _index = new();
    private readonly ConcurrentDictionary<Guid, Guid> _personOfFace = new();
    private volatile bool _ready;

    public bool IsReady => _ready;

    private float Threshold => options.MatchThreshold ?? engine.MatchThreshold;

    public async Task PrepareAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        var faces = await db.Faces.ToListAsync(ct);
        var reembedded = 0;
        foreach (var face in faces)
        {
            if (face.ModelId != engine.ModelId || face.Embedding.Length != _index.Dimensions * sizeof(float))
            {
                if (await ReembedAsync(face, ct) is not { } embedding)
                {
                    LogCannotReembed(logger, face.Id, face.PersonId, face.PhotoKey);
                    continue;
                }
                (face.Embedding, face.ModelId) = (EmbeddingBytes.From(embedding.Vector), embedding.ModelId);
                reembedded++;
            }
            Remember(face.Id, face.PersonId, EmbeddingBytes.ToVector(face.Embedding));
        }
        await db.SaveChangesAsync(ct);
        _ready = true;
        LogLoaded(logger, _index.Count, reembedded, engine.ModelId);
    }

    public async Task<Identification> IdentifyAsync(ImageRef image, CancellationToken ct)
    {
        var analysis = LocalFaceAnalysis.Analyse(engine, await image.ReadAsync(store, ct), checkQuality: true);
        if (analysis.Problem is not null)
        {
            return new Identification(analysis.Problem, null, 0);
        }
        // an unknown face still reports its closest similarity, which helps when tuning the threshold
        var best = BestMatch(analysis.Embedding!.Vector);
        return best is { } match && match.Similarity >= Threshold
            ? new Identification(null, match.PersonId, match.Similarity)
            : new Identification(null, null, Math.Max(0, best?.Similarity ?? 0));
    }

    public async Task<Enrolment> EnrolAsync(Guid personId, Guid faceId, ImageRef photo, CancellationToken ct)
    {
        var analysis = LocalFaceAnalysis.Analyse(engine, await photo.ReadAsync(store, ct), checkQuality: true);
        if (analysis.Problem is not null)
        {
            return new Enrolment(analysis.Problem, analysis.Quality, null);
        }
        var embedding = analysis.Embedding!;
        if (BestMatch(embedding.Vector) is { } match && match.Similarity >= Threshold && match.PersonId != personId)
        {
            var problem = new FaceProblem(FaceProblemCode.BelongsToOther,
                $"This face already belongs to another enrolled person (similarity {match.Similarity:0.000}).", [],
                analysis.Quality, match.PersonId);
            return new Enrolment(problem, analysis.Quality, null);
        }
        Remember(faceId, personId, embedding.Vector);
        return new Enrolment(null, analysis.Quality, new FaceTemplate(EmbeddingBytes.From(embedding.Vector), embedding.ModelId));
    }

    public Task ForgetAsync(IReadOnlyCollection<Data.Face> faces, CancellationToken ct)
    {
        foreach (var face in faces)
        {
            _index.Remove(face.Id);
            _personOfFace.TryRemove(face.Id, out _);
        }
        return Task.CompletedTask;
    }

    private void Remember(Guid faceId, Guid personId, ReadOnlySpan<float> vector)
    {
        _personOfFace[faceId] = personId;
        _index.Add(faceId, vector);
    }

    private (Guid PersonId, float Similarity)? BestMatch(ReadOnlySpan<float> vector)
    {
        foreach (var match in _index.Search(vector, k: 1, minSimilarity: -1))
        {
            // a face forgotten between the search and here is skipped, like any other miss
            if (_personOfFace.TryGetValue(match.Id, out var personId))
            {
                return (personId, match.Similarity);
            }
        }
        return null;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Face index loaded: {Faces} faces, {Reembedded} re-embedded for model {ModelId}")]
    private static partial void LogLoaded(ILogger logger, int faces, int reembedded, string modelId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Face {FaceId} of person {PersonId} was made by another model and its photo {PhotoKey} cannot be re-embedded; it is left out until it is enrolled again")]
    private static partial void LogCannotReembed(ILogger logger, Guid faceId, Guid personId, string photoKey);
}
