namespace FaceAttendance.Vision;

/// Dense, chunked storage of the index's vectors: row r lives in chunk r / ChunkRows. Chunks keep a million
/// embeddings out of one huge array (growth never copies, no 512 MB allocation at once), and removal moves the
/// last row into the hole so every scan reads rows 0..Count-1 with no gaps. Not thread-safe: FaceIndex locks.
internal sealed class FaceIndexStore(int dimensions)
{
    // 8192 rows of 512 floats = 16 MB per chunk: big enough that per-chunk overhead vanishes in a scan
    internal const int ChunkRows = 8192;

    private readonly List<float[]> chunks = [];
    private readonly List<Guid> ids = [];
    private readonly Dictionary<Guid, int> rowOf = [];

    public int Dimensions => dimensions;
    public int Count => ids.Count;
    /// Chunks holding at least one row; a spare empty chunk kept after removals is not counted.
    public int ChunkCount => (Count + ChunkRows - 1) / ChunkRows;

    public Guid IdAt(int row) => ids[row];

    /// The rows of one chunk that hold data (the last chunk is partly filled).
    public ReadOnlySpan<float> ChunkRowsSpan(int chunk)
    {
        var rows = Math.Min(ChunkRows, Count - chunk * ChunkRows);
        return chunks[chunk].AsSpan(0, rows * dimensions);
    }

    public void Upsert(Guid id, ReadOnlySpan<float> vector)
    {
        if (!rowOf.TryGetValue(id, out var row))
        {
            row = ids.Count;
            if (row == chunks.Count * ChunkRows)
            {
                chunks.Add(new float[ChunkRows * dimensions]);
            }
            ids.Add(id);
            rowOf.Add(id, row);
        }
        vector.CopyTo(RowSpan(row));
    }

    public bool Remove(Guid id)
    {
        if (!rowOf.Remove(id, out var row))
        {
            return false;
        }
        var last = ids.Count - 1;
        if (row != last)
        {
            RowSpan(last).CopyTo(RowSpan(row));
            var moved = ids[last];
            ids[row] = moved;
            rowOf[moved] = row;
        }
        ids.RemoveAt(last);
        // keep at most one spare chunk so a shrinking index gives memory back without thrashing at a boundary
        if (chunks.Count * ChunkRows - ids.Count > 2 * ChunkRows)
        {
            chunks.RemoveAt(chunks.Count - 1);
        }
        return true;
    }

    private Span<float> RowSpan(int row) =>
        chunks[row / ChunkRows].AsSpan(row % ChunkRows * dimensions, dimensions);
}
