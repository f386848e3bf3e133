using System.Diagnostics;
using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Bench;

/// <summary>FaceIndex search latency on galleries of random unit vectors (the scan cost does not depend on the values).</summary>
internal static class IndexBench
{
    // every query returns a full top-10 (threshold -1), the most work a search can do
    private const int K = 10;
    private const float AnyMatch = -1f;

    public static FaceIndex RandomIndex(int size, Random random)
    {
        var index = new FaceIndex(FaceEngine.EmbeddingDimensions);
        var vector = new float[index.Dimensions];
        for (var i = 0; i < size; i++)
        {
            Fill(vector, random);
            index.Add(Guid.NewGuid(), vector);
        }
        return index;
    }

    /// <summary>Search latency over a fresh index of <paramref name="size"/> entries, after a few untimed searches.</summary>
    public static LatencyStats SearchLatency(int size, int queries, Random random)
    {
        var index = RandomIndex(size, random);
        var query = new float[index.Dimensions];
        for (var i = 0; i < 5; i++)
        {
            Fill(query, random);
            index.Search(query, K, AnyMatch);
        }
        var samples = new double[queries];
        for (var i = 0; i < queries; i++)
        {
            Fill(query, random);
            var start = Stopwatch.GetTimestamp();
            index.Search(query, K, AnyMatch);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return LatencyStats.Of(samples);
    }

    // uniform in [-1, 1) per component; FaceIndex.Add normalises to unit length
    private static void Fill(float[] vector, Random random)
    {
        for (var i = 0; i < vector.Length; i++)
        {
            vector[i] = random.NextSingle() * 2 - 1;
        }
    }
}
