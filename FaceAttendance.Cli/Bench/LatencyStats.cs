namespace FaceAttendance.Cli.Bench;

/// <summary>Median and 95th percentile, defined as bench.mjs does so the two tables compare like for like.</summary>
internal readonly record struct LatencyStats(double Median, double P95)
{
    public static LatencyStats Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new LatencyStats(double.NaN, double.NaN);
        }
        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        var p95 = sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(0.95 * sorted.Length) - 1)];
        return new LatencyStats(median, p95);
    }
}
