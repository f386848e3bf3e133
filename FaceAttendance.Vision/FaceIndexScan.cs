using System.Numerics.Tensors;
using System.Runtime.ExceptionServices;

namespace FaceAttendance.Vision;

/// One exhaustive scan of the store for one query, run by a caller holding FaceIndex's read lock.
internal sealed class FaceIndexScan(FaceIndexStore store, float[] query, int k, float minSimilarity)
{
    private FaceIndexTopK[] partial = [];
    private int partitions;
    private int nextPartition;
    private int unfinishedPartitions;
    private ExceptionDispatchInfo? failure;

    /// Scores the rows of chunks [firstChunk, endChunk) into a fresh top-k heap.
    public FaceIndexTopK Run(int firstChunk, int endChunk)
    {
        var best = new FaceIndexTopK(k, minSimilarity);
        var floor = best.Floor;
        var dimensions = store.Dimensions;
        for (var chunk = firstChunk; chunk < endChunk; chunk++)
        {
            var rows = store.ChunkRowsSpan(chunk);
            var row = chunk * FaceIndexStore.ChunkRows;
            for (var offset = 0; offset < rows.Length; offset += dimensions, row++)
            {
                var similarity = TensorPrimitives.Dot(rows.Slice(offset, dimensions), query);
                if (similarity >= floor)
                {
                    best.Offer(similarity, row);
                    floor = best.Floor;
                }
            }
        }
        return best;
    }

    /// Splits the chunks into a few contiguous partitions that the caller and one pool work item per extra core
    /// claim one at a time. The caller never waits for a work item that has not started: while it holds the read
    /// lock, pool threads may all be blocked on that lock, so it claims every partition nobody has taken yet and
    /// only waits for partitions already being scanned (which need no lock to finish).
    public FaceIndexTopK RunInParallel()
    {
        partitions = Math.Min(4 * Environment.ProcessorCount, store.ChunkCount);
        partial = new FaceIndexTopK[partitions];
        unfinishedPartitions = partitions;
        for (var helper = 1; helper < Environment.ProcessorCount; helper++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(static scan => scan.ScanClaimedPartitions(), this, preferLocal: false);
        }
        ScanClaimedPartitions();
        lock (partial)
        {
            while (unfinishedPartitions > 0)
            {
                Monitor.Wait(partial);
            }
        }
        failure?.Throw();
        return Merge();
    }

    private void ScanClaimedPartitions()
    {
        int partition;
        while ((partition = Interlocked.Increment(ref nextPartition) - 1) < partitions)
        {
            try
            {
                var chunkCount = store.ChunkCount;
                partial[partition] = Run(chunkCount * partition / partitions, chunkCount * (partition + 1) / partitions);
            }
            catch (Exception exception)
            {
                failure = ExceptionDispatchInfo.Capture(exception);
            }
            lock (partial)
            {
                if (--unfinishedPartitions == 0)
                {
                    Monitor.PulseAll(partial);
                }
            }
        }
    }

    private FaceIndexTopK Merge()
    {
        var merged = new FaceIndexTopK(k, minSimilarity);
        foreach (var heap in partial)
        {
            for (var i = 0; i < heap.Count; i++)
            {
                var (similarity, row) = heap[i];
                merged.Offer(similarity, row);
            }
        }
        return merged;
    }
}
