using System.Numerics.Tensors;

namespace FaceAttendance.Vision;

public readonly record struct FaceMatch(Guid Id, float Similarity);

/// Exact 1:N cosine search over every enrolled embedding. Vectors are stored L2-normalised so cosine is one dot
/// product per row. Searches share a read lock and run concurrently; Add and Remove take the write lock.
public sealed class FaceIndex
{
    // below this many rows handing work to the thread pool costs more than the scan it would split
    internal const int ParallelThreshold = 4 * FaceIndexStore.ChunkRows;

    private readonly ReaderWriterLockSlim gate = new(LockRecursionPolicy.NoRecursion);
    private readonly FaceIndexStore store;

    public FaceIndex(int dimensions)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        store = new FaceIndexStore(dimensions);
    }

    public int Dimensions => store.Dimensions;

    public int Count
    {
        get
        {
            gate.EnterReadLock();
            try { return store.Count; }
            finally { gate.ExitReadLock(); }
        }
    }

    /// Adds the embedding under <paramref name="id"/>, replacing the one already stored for that id.
    public void Add(Guid id, ReadOnlySpan<float> embedding)
    {
        var unit = Normalise(embedding, nameof(embedding));
        gate.EnterWriteLock();
        try { store.Upsert(id, unit); }
        finally { gate.ExitWriteLock(); }
    }

    public bool Remove(Guid id)
    {
        gate.EnterWriteLock();
        try { return store.Remove(id); }
        finally { gate.ExitWriteLock(); }
    }

    /// The at most <paramref name="k"/> most similar entries with cosine ≥ <paramref name="minSimilarity"/>, best first.
    public IReadOnlyList<FaceMatch> Search(ReadOnlySpan<float> query, int k, float minSimilarity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
        if (float.IsNaN(minSimilarity))
        {
            throw new ArgumentException("The similarity threshold must be a number.", nameof(minSimilarity));
        }
        var unit = Normalise(query, nameof(query));
        gate.EnterReadLock();
        try
        {
            if (store.Count == 0)
            {
                return [];
            }
            var scan = new FaceIndexScan(store, unit, Math.Min(k, store.Count), minSimilarity);
            var best = store.Count < ParallelThreshold ? scan.Run(0, store.ChunkCount) : scan.RunInParallel();
            return ToMatches(best);
        }
        finally { gate.ExitReadLock(); }
    }

    private FaceMatch[] ToMatches(FaceIndexTopK best)
    {
        var matches = new FaceMatch[best.Count];
        for (var i = 0; i < matches.Length; i++)
        {
            var (similarity, row) = best[i];
            matches[i] = new FaceMatch(store.IdAt(row), similarity);
        }
        Array.Sort(matches, static (a, b) => b.Similarity.CompareTo(a.Similarity));
        return matches;
    }

    private float[] Normalise(ReadOnlySpan<float> vector, string parameterName)
    {
        if (vector.Length != store.Dimensions)
        {
            throw new ArgumentException(
                $"Expected a {store.Dimensions}-dimensional embedding, got {vector.Length} dimensions.", parameterName);
        }
        var norm = TensorPrimitives.Norm(vector);
        if (!float.IsFinite(norm) || norm == 0)
        {
            throw new ArgumentException("An embedding must be finite and non-zero.", parameterName);
        }
        var unit = new float[vector.Length];
        TensorPrimitives.Divide(vector, norm, unit);
        return unit;
    }
}
