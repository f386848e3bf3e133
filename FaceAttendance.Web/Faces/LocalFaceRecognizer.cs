using System.Diagnostics;
using FaceAttendance.Vision;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Observability;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FaceAttendance.Web.Faces;

/// <summary>Recognition on this machine: the local engine plus an in-memory <see cref="PersonGallery"/> of every
/// enrolled face, loaded from the database at start and kept in step with it by <see cref="CatchUpAsync"/>, which
/// replays the face-change table (faces enrolled or deleted through any instance).</summary>
public sealed partial class LocalFaceRecognizer(
    FaceEngine engine, IObjectStore store, IServiceScopeFactory scopes, RecognitionOptions options, AttendanceMetrics metrics,
    ILogger<LocalFaceRecognizer> logger)
    : IFaceRecognizer
{
    private readonly PersonGallery _gallery = new(options.MatchThreshold ?? engine.MatchThreshold);
    private const int LoadBatchSize = 4096;
    private readonly SemaphoreSlim _catchUp = new(1, 1);
    private volatile bool _ready;
    private long _appliedSequence;

    public bool IsReady => _ready;

    /// <summary>The last face change this instance's index reflects.</summary>
    public long AppliedSequence => Interlocked.Read(ref _appliedSequence);

    public int FaceCount => _gallery.FaceCount;

    public async Task PrepareAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        // read before the faces: a change committed meanwhile is replayed by the next catch-up (replaying is idempotent)
        var sequence = await LatestSequenceAsync(db, ct);
        var stale = new List<Guid>();
        // streamed without tracking, and pipelined: while the gallery takes one batch (on another core), the next is read
        var batch = new List<(Guid, Guid, float[])>(LoadBatchSize);
        var adding = Task.CompletedTask;
        await foreach (var face in db.Faces.AsNoTracking().Select(f => new { f.Id, f.PersonId, f.ModelId, f.Embedding }).AsAsyncEnumerable().WithCancellation(ct))
        {
            if (!IsCurrent(face.ModelId, face.Embedding))
            {
                stale.Add(face.Id);
                continue;
            }
            batch.Add((face.Id, face.PersonId, EmbeddingBytes.ToVector(face.Embedding)));
            if (batch.Count == LoadBatchSize)
            {
                await adding;
                var full = batch;
                adding = Task.Run(() => _gallery.AddRange(full), ct);
                batch = new(LoadBatchSize);
            }
        }
        await adding;
        _gallery.AddRange(batch);
        var reembedded = await ReembedAsync(db, stale, ct);
        Interlocked.Exchange(ref _appliedSequence, sequence);
        if (!_ready)
        {
            metrics.ObserveIndex(() => _gallery.FaceCount, () => _gallery.PersonCount);
        }
        _ready = true;
        LogLoaded(logger, _gallery.FaceCount, _gallery.PersonCount, reembedded, engine.ModelId, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary>Applies every face change committed since the last call: each changed face is reloaded as it is now
    /// (present and made by this engine's model: added or replaced; otherwise: removed).</summary>
    /// <returns>How many changes were applied.</returns>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        await _catchUp.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
            var after = AppliedSequence;
            var changes = await db.FaceChanges.AsNoTracking().Where(c => c.Sequence > after).OrderBy(c => c.Sequence)
                .Take(1000).Select(c => new { c.Sequence, c.FaceId }).ToListAsync(ct);
            if (changes.Count == 0)
            {
                return 0;
            }
            var ids = changes.Select(c => c.FaceId).Distinct().ToList();
            var current = await db.Faces.AsNoTracking().Where(f => ids.Contains(f.Id))
                .Select(f => new { f.Id, f.PersonId, f.ModelId, f.Embedding }).ToDictionaryAsync(f => f.Id, ct);
            var present = current.Values.Where(face => IsCurrent(face.ModelId, face.Embedding)).ToList();
            _gallery.AddRange([.. present.Select(face => (face.Id, face.PersonId, EmbeddingBytes.ToVector(face.Embedding)))]);
            foreach (var faceId in ids.Except(present.Select(face => face.Id)))
            {
                _gallery.Remove(faceId);
            }
            Interlocked.Exchange(ref _appliedSequence, changes[^1].Sequence);
            return changes.Count;
        }
        finally
        {
            _catchUp.Release();
        }
    }

    public async Task<HealthCheckResult> CheckIndexHealthAsync(CancellationToken ct)
    {
        var applied = AppliedSequence;
        await using var scope = scopes.CreateAsyncScope();
        var latest = await LatestSequenceAsync(scope.ServiceProvider.GetRequiredService<AttendanceDbContext>(), ct);
        var data = new Dictionary<string, object> { ["faces"] = FaceCount, ["appliedChange"] = applied, ["latestChange"] = latest, ["lag"] = latest - applied };
        return latest <= applied
            ? HealthCheckResult.Healthy($"{FaceCount} faces, up to date with the database.", data)
            : HealthCheckResult.Degraded($"{latest - applied} face changes not applied yet.", data: data);
    }

    /// <summary>The newest face change in the database (0 when there is none).</summary>
    public static async Task<long> LatestSequenceAsync(AttendanceDbContext db, CancellationToken ct) =>
        await db.FaceChanges.MaxAsync(c => (long?)c.Sequence, ct) ?? 0;

    private bool IsCurrent(string modelId, byte[] embedding) =>
        modelId == engine.ModelId && embedding.Length == FaceEngine.EmbeddingDimensions * sizeof(float);

    public async Task<Identification> IdentifyAsync(IReadOnlyList<ImageRef> frames, bool scoreLiveness, HeadTurn? turn, CancellationToken ct)
    {
        var encoded = new List<byte[]>(frames.Count);
        foreach (var frame in frames)
        {
            encoded.Add(await frame.ReadAsync(store, ct));
        }
        var analysis = LocalFaceAnalysis.AnalyseScan(engine, encoded, scoreLiveness, turn, metrics);
        if (analysis.Problem is not null)
        {
            return new Identification(analysis.Problem, null, 0, Turn: analysis.Turn);
        }
        // an unknown face still reports its closest similarity, which helps when tuning the threshold
        var searched = Stopwatch.GetTimestamp();
        // one search for the decision and the margin (the lead over the second person, which learning at the kiosk asks)
        var closest = _gallery.Closest(analysis.Embedding!.Vector, Math.Max(2, _gallery.Rule.PeopleNeeded));
        var decision = _gallery.Decide(closest);
        LocalFaceAnalysis.Timed(metrics, "search", searched);
        float? margin = closest.Count >= 2 ? closest[0].Similarity - closest[1].Similarity : null;
        var template = new FaceTemplate(EmbeddingBytes.From(analysis.Embedding.Vector), analysis.Embedding.ModelId);
        return new Identification(null, decision.PersonId, Math.Max(0, decision.Best?.Similarity ?? 0), analysis.Liveness, analysis.Turn,
            margin, template, analysis.BestFrame);
    }

    public async Task<Enrolment> EnrolAsync(Guid faceId, ImageRef photo, EnrolmentRules rules, CancellationToken ct)
    {
        var analysis = LocalFaceAnalysis.Analyse(engine, await photo.ReadAsync(store, ct), checkQuality: true);
        if (analysis.Problem is not null)
        {
            return new Enrolment(analysis.Problem, analysis.Quality, null, analysis.Box);
        }
        var embedding = analysis.Embedding!;
        // the closest two people: if the first is this person, the second is the closest other one
        var closestOther = _gallery.Closest(embedding.Vector, 2).Cast<PersonScore?>().FirstOrDefault(score => score!.Value.PersonId != rules.PersonId);
        var own = _gallery.SimilarityTo(rules.PersonId, embedding.Vector);
        if (rules.Judge(closestOther, own, _gallery.Threshold, analysis.Quality) is { } problem)
        {
            return new Enrolment(problem, analysis.Quality, null, analysis.Box);
        }
        return new Enrolment(null, analysis.Quality, new FaceTemplate(EmbeddingBytes.From(embedding.Vector), embedding.ModelId), analysis.Box);
    }

    public Task AddAsync(Face face, CancellationToken ct)
    {
        _gallery.Add(face.Id, face.PersonId, EmbeddingBytes.ToVector(face.Embedding));
        return Task.CompletedTask;
    }

    public Task ForgetAsync(IReadOnlyCollection<Data.Face> faces, CancellationToken ct)
    {
        foreach (var face in faces)
        {
            _gallery.Remove(face.Id);
        }
        return Task.CompletedTask;
    }

    /// <summary>Faces made by another model (an upgrade) are embedded again from their kept photos and saved, which
    /// records a face change so other instances pick up the new embeddings too.</summary>
    private async Task<int> ReembedAsync(AttendanceDbContext db, List<Guid> faceIds, CancellationToken ct)
    {
        var reembedded = 0;
        foreach (var chunk in faceIds.Chunk(500))
        {
            foreach (var face in await db.Faces.Where(f => chunk.Contains(f.Id)).ToListAsync(ct))
            {
                if (await ReembedAsync(face, ct) is not { } embedding)
                {
                    LogCannotReembed(logger, face.Id, face.PersonId, face.PhotoKey);
                    continue;
                }
                (face.Embedding, face.ModelId) = (EmbeddingBytes.From(embedding.Vector), embedding.ModelId);
                _gallery.Add(face.Id, face.PersonId, embedding.Vector);
                reembedded++;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return reembedded;
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Face index loaded: {Faces} faces of {People} people, {Reembedded} re-embedded for model {ModelId}, in {Milliseconds:0} ms")]
    private static partial void LogLoaded(ILogger logger, int faces, int people, int reembedded, string modelId, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Face {FaceId} of person {PersonId} was made by another model and its photo {PhotoKey} cannot be re-embedded; it is left out until it is enrolled again")]
    private static partial void LogCannotReembed(ILogger logger, Guid faceId, Guid personId, string photoKey);
}
