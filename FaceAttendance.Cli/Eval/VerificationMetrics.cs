using System.Numerics.Tensors;

namespace FaceAttendance.Cli.Eval;

/// <summary>1:1 verification figures from the cosine similarities of same-person and different-person pairs.</summary>
internal static class VerificationMetrics
{
    /// <summary>The cosine of each pair of <paramref name="set"/>, split into same-person and different-person pairs.</summary>
    public static (List<float> Same, List<float> Different) PairScores(FaceSet set, IReadOnlyDictionary<string, float[]?> embeddings)
    {
        var (same, different) = (new List<float>(), new List<float>());
        foreach (var pair in set.Pairs)
        {
            // a photo without a face can't match anything: it counts as a rejection
            var similarity = embeddings[pair.First] is { } a && embeddings[pair.Second] is { } b ? TensorPrimitives.Dot(a, b) : -1f;
            (pair.Same ? same : different).Add(similarity);
        }
        return (same, different);
    }

    public static double Accuracy(IReadOnlyList<float> same, IReadOnlyList<float> different, float threshold) =>
        (double)(same.Count(s => s >= threshold) + different.Count(s => s < threshold)) / (same.Count + different.Count);

    /// <summary>Accuracy at the best threshold, trying every observed similarity as the threshold.</summary>
    public static double BestAccuracy(IReadOnlyList<float> same, IReadOnlyList<float> different)
    {
        var (positives, negatives) = (Sorted(same), Sorted(different));
        var best = 0.0;
        foreach (var threshold in positives.Concat(negatives).Append(float.PositiveInfinity))
        {
            var correct = positives.Length - LowerBound(positives, threshold) + LowerBound(negatives, threshold);
            best = Math.Max(best, (double)correct / (positives.Length + negatives.Length));
        }
        return best;
    }

    /// <summary>Share of same-person pairs accepted at the lowest threshold whose false-accept rate is at most <paramref name="far"/>.</summary>
    public static double TrueAcceptRateAt(IReadOnlyList<float> same, IReadOnlyList<float> different, double far) =>
        (double)same.Count(s => s >= ThresholdAt(different, far)) / same.Count;

    /// <summary>The smallest similarity that accepts at most floor(far * n) different-person pairs.</summary>
    public static float ThresholdAt(IReadOnlyList<float> different, double far)
    {
        var descending = different.OrderDescending().ToArray();
        var allowed = (int)Math.Floor(far * descending.Length);
        return allowed >= descending.Length ? float.NegativeInfinity : MathF.BitIncrement(descending[allowed]);
    }

    /// <summary>Equal error rate: mean of FAR and FRR where they are closest.</summary>
    public static double EqualErrorRate(IReadOnlyList<float> same, IReadOnlyList<float> different)
    {
        var (positives, negatives) = (Sorted(same), Sorted(different));
        var (gap, eer) = (double.MaxValue, 1.0);
        foreach (var threshold in positives.Concat(negatives))
        {
            var falseAccept = (double)(negatives.Length - LowerBound(negatives, threshold)) / negatives.Length;
            var falseReject = (double)LowerBound(positives, threshold) / positives.Length;
            if (Math.Abs(falseAccept - falseReject) < gap)
            {
                (gap, eer) = (Math.Abs(falseAccept - falseReject), (falseAccept + falseReject) / 2);
            }
        }
        return eer;
    }

    private static float[] Sorted(IReadOnlyList<float> values) => [.. values.Order()];

    // number of values below threshold
    private static int LowerBound(float[] sorted, float threshold)
    {
        var index = Array.BinarySearch(sorted, threshold);
        if (index < 0)
        {
            return ~index;
        }
        while (index > 0 && sorted[index - 1] == threshold)
        {
            index--;
        }
        return index;
    }
}
