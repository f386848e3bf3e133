namespace FaceAttendance.Vision;

/// <summary>How a face's similarities to the enrolled people decide whether it is the best person or unknown.</summary>
public enum UnknownRuleKind
{
    /// <summary>The best person reaches <see cref="UnknownRule.Threshold"/>.</summary>
    Threshold,

    /// <summary>The best person reaches the threshold and leads the second by at least <see cref="UnknownRule.Margin"/>.</summary>
    Margin,

    /// <summary>
    /// The best person reaches the threshold (a floor) and stands out of the next <see cref="UnknownRule.CohortSize"/>
    /// people (the cohort) by at least <see cref="UnknownRule.MinZ"/> of their standard deviations.
    /// </summary>
    Cohort,
}

/// <summary>
/// The one rule that turns a face's similarities to every enrolled person (each person's mean embedding, best first)
/// into "this person" or "unknown". Issue 23 compared the three kinds on dev and half of the strangers, and reported
/// them on the other half (docs/recognition.md, "Strangers held out").
/// </summary>
public sealed record UnknownRule(UnknownRuleKind Kind, float Threshold, float Margin = 0, float MinZ = 0, int CohortSize = 0)
{
    // fewer cohort members than this give no usable standard deviation
    private const int MinCohort = 2;

    public static UnknownRule FixedThreshold(float threshold) => new(UnknownRuleKind.Threshold, threshold);

    /// <summary>How many of the closest people <see cref="Accepts"/> looks at.</summary>
    public int PeopleNeeded => Kind switch
    {
        UnknownRuleKind.Threshold => 1,
        UnknownRuleKind.Margin => 2,
        _ => 1 + CohortSize,
    };

    /// <summary>Whether the best person is taken, given the similarities to the closest people, best first.</summary>
    public bool Accepts(ReadOnlySpan<float> bestFirst)
    {
        if (bestFirst.IsEmpty || bestFirst[0] < Threshold)
        {
            return false;
        }
        var best = bestFirst[0];
        switch (Kind)
        {
            case UnknownRuleKind.Threshold:
                return true;
            case UnknownRuleKind.Margin:
                // with one person enrolled there is no second to be confused with
                return bestFirst.Length < 2 || best - bestFirst[1] >= Margin;
            default:
                // with too few other people the cohort says nothing, and the floor alone decides
                var cohort = bestFirst[1..Math.Min(bestFirst.Length, 1 + CohortSize)];
                return cohort.Length < MinCohort || ZScore(best, cohort) >= MinZ;
        }
    }

    /// <summary>How many of the cohort's standard deviations the best similarity stands above the cohort's mean.</summary>
    public static float ZScore(float best, ReadOnlySpan<float> cohort)
    {
        float sum = 0, squares = 0;
        foreach (var similarity in cohort)
        {
            sum += similarity;
            squares += similarity * similarity;
        }
        var mean = sum / cohort.Length;
        var std = MathF.Sqrt(MathF.Max(squares / cohort.Length - mean * mean, 0));
        return (best - mean) / MathF.Max(std, 1e-6f);
    }

    public override string ToString() => Kind switch
    {
        UnknownRuleKind.Threshold => $"Threshold {Threshold:0.000}",
        UnknownRuleKind.Margin => $"Margin: best >= {Threshold:0.000}, best - second >= {Margin:0.000}",
        _ => $"Cohort: best >= {Threshold:0.000}, z >= {MinZ:0.0} over the next {CohortSize}",
    };
}
