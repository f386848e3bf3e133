using System.CommandLine;
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
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly (int Size, int Queries)[] IndexSizes = [(1_000, 1_000), (100_000, 200), (1_000_000, 50)];

    public static Command Create()
    {
        var faces = new Option<DirectoryInfo>("--faces")
        {
            Description = "Photos as DIR/<identity>/<photo>.jpg, taken in ordinal order as tools/js-reference/bench.mjs takes them",
            Required = true,
        }.AcceptExistingOnly();
        var limit = new Option<int>("--limit") { Description = "How many photos to time", DefaultValueFactory = _ => 200 }.AtLeast(1);
        var warmup = new Option<int>("--warmup")
        {
            Description = "How many of those photos to run first, untimed", DefaultValueFactory = _ => 5,
        }.AtLeast(0);
        var command = new Command("bench", "Times each stage of the engine per photo, photos per second on 1 and 2 threads, and FaceIndex searches")
        {
            faces, limit, warmup,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(faces).FullName, parsed.GetValue(limit), parsed.GetValue(warmup)));
        return command;
    }

    private static int Run(string facesDir, int limit, int warmup)
    {
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
}
