using System.Globalization;
using System.Text.Json;
using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Bench;

/// <summary>
/// `bench --faces DIR [--limit 200] [--warmup 5]`: per-stage latency of the engine on the first photos of DIR (same
/// photos and stage definitions as tools/js-reference/bench.mjs), photos per second on 1 and 2 threads, and FaceIndex
/// search latency at 1k, 100k and 1M entries. Prints a table, then one JSON line of medians.
/// </summary>
internal static class BenchCommand
{
    private const string Usage = "usage: bench --faces DIR [--limit 200] [--warmup 5]";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly (int Size, int Queries)[] IndexSizes = [(1_000, 1_000), (100_000, 200), (1_000_000, 50)];

    public static int Run(string[] args)
    {
        if (!TryParse(args, out var facesDir, out var limit, out var warmup))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var photos = BenchPhotos.List(facesDir, limit);
        if (photos.Count == 0)
        {
            Console.Error.WriteLine($"no JPEG photos under {facesDir}");
            return 1;
        }
        var random = new Random(2026);
        using var engine = FaceEngine.Load(new FaceEngineOptions { IntraOpThreads = 1 });
        var pipeline = new PipelineBench(engine, IndexBench.RandomIndex(1_000, random));

        Console.Error.WriteLine($"warming up on {Math.Min(warmup, photos.Count)} photos, then timing {photos.Count}");
        var warmupPhotos = photos.Take(warmup).ToList();
        pipeline.Run(warmupPhotos, 1);
        pipeline.Run(warmupPhotos, 2);
        var (timings, imagesPerSecond1) = pipeline.Run(photos, 1);
        var (_, imagesPerSecond2) = pipeline.Run(photos, 2);

        Console.Error.WriteLine("timing FaceIndex searches (building a 1M index takes a few seconds)");
        var search = IndexSizes.Select(s => IndexBench.SearchLatency(s.Size, s.Queries, random)).ToArray();

        var result = BenchReport.Print(facesDir, timings, imagesPerSecond1, imagesPerSecond2, IndexSizes.Select(s => s.Size).ToArray(), search);
        Console.WriteLine(JsonSerializer.Serialize(result, Json));
        return 0;
    }

    private static bool TryParse(string[] args, out string facesDir, out int limit, out int warmup)
    {
        (facesDir, limit, warmup) = ("", 200, 5);
        if (args.Length % 2 != 0)
        {
            return false;
        }
        for (var i = 0; i < args.Length; i += 2)
        {
            var value = args[i + 1];
            switch (args[i])
            {
                case "--faces": facesDir = value; break;
                case "--limit" when int.TryParse(value, CultureInfo.InvariantCulture, out limit) && limit > 0: break;
                case "--warmup" when int.TryParse(value, CultureInfo.InvariantCulture, out warmup) && warmup >= 0: break;
                default: return false;
            }
        }
        return facesDir.Length > 0;
    }
}
