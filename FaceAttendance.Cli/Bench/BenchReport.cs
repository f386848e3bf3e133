using System.Globalization;

namespace FaceAttendance.Cli.Bench;

/// <summary>The human-readable table of a bench run, and the medians it returns for the final JSON line.</summary>
internal static class BenchReport
{
    public static BenchResult Print(string facesDir, PhotoTiming[] timings, double imagesPerSecond1, double imagesPerSecond2,
        int[] indexSizes, LatencyStats[] search)
    {
        var stages = new (string Name, LatencyStats Stats)[]
        {
            ("decode (read + decode)", LatencyStats.Of(timings.Select(t => t.DecodeMs))),
            ("detect (BlazeFace + mesh)", LatencyStats.Of(timings.Select(t => t.DetectMs))),
            ("align + embed", LatencyStats.Of(timings.Select(t => t.EmbedMs))),
            ("liveness (antispoof + liveness)", LatencyStats.Of(timings.Select(t => t.LivenessMs))),
            ("search (1k gallery)", LatencyStats.Of(timings.Select(t => t.SearchMs))),
            ("pipeline", LatencyStats.Of(timings.Select(t => t.PipelineMs))),
        };
        Console.WriteLine($"{timings.Length} photos from {facesDir} ({timings.Count(t => t.FaceFound)} with a face), " +
            $"{Environment.ProcessorCount} cores, load average {LoadAverage()}");
        Console.WriteLine($"{"stage",-34}{"median ms",12}{"p95 ms",12}");
        foreach (var (name, stats) in stages)
        {
            Console.WriteLine($"{name,-34}{stats.Median,12:F2}{stats.P95,12:F2}");
        }
        Console.WriteLine($"{"images/s, 1 thread",-34}{imagesPerSecond1,12:F2}");
        Console.WriteLine($"{"images/s, 2 threads",-34}{imagesPerSecond2,12:F2}");
        Console.WriteLine($"{"FaceIndex search (top 10)",-34}{"median ms",12}{"p95 ms",12}");
        for (var i = 0; i < indexSizes.Length; i++)
        {
            Console.WriteLine($"{indexSizes[i].ToString("N0", CultureInfo.InvariantCulture) + " entries",-34}{search[i].Median,12:F3}{search[i].P95,12:F3}");
        }
        return new BenchResult(timings.Length, Round(stages[0].Stats.Median), Round(stages[1].Stats.Median), Round(stages[2].Stats.Median),
            Round(stages[3].Stats.Median), Round(stages[5].Stats.Median), Round(imagesPerSecond1), Round(imagesPerSecond2),
            Math.Round(search[0].Median, 4), Math.Round(search[1].Median, 4), Math.Round(search[2].Median, 4));
    }

    private static double Round(double value) => Math.Round(value, 2);

    // figures from a busy shared machine are not comparable: say how busy it was
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}

internal sealed record BenchResult(int Images, double DecodeMs, double DetectMs, double EmbedMs, double LivenessMs, double PipelineMs,
    double ImagesPerSecond1, double ImagesPerSecond2, double SearchMs1k, double SearchMs100k, double SearchMs1M);
