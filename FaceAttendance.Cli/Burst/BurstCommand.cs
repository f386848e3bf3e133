using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using FaceAttendance.Cli.Eval;
using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Burst;

/// <summary>
/// `burst --faces DIR --strangers DIR [--strangers-sample N] [--cost-photos N]`: the kiosk regime decided from one frame
/// against a burst of three (<see cref="Vision.Burst.Analyse"/>), for each <see cref="BurstProxy"/> (see
/// <see cref="BurstRegime"/>), and what a burst costs: the median time of Burst.Analyse for the three jitter frames
/// against the first alone, on decoded images, one at a time. Prints one JSON document.
/// </summary>
internal static class BurstCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var faces = EvalOptions.Faces();
        var strangers = EvalOptions.Strangers(required: true);
        var sample = StrangersSample();
        var costPhotos = new Option<int>("--cost-photos")
        {
            Description = "How many probe photos the cost is timed on (each: one frame, then its three-frame jitter burst)",
            DefaultValueFactory = _ => 100,
        };
        var command = new Command("burst",
            "Compares a one-frame kiosk decision with a three-frame burst's (jitter, one bad frame, other photos) and times the burst (JSON)")
        {
            faces, strangers, sample, costPhotos,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(faces).FullName, parsed.GetRequiredValue(strangers).FullName,
            parsed.GetValue(sample), parsed.GetValue(costPhotos)));
        return command;
    }

    /// <summary>`--strangers-sample N`: eval and burst expand at most N strangers' photos into bursts.</summary>
    public static Option<int?> StrangersSample() => new("--strangers-sample")
    {
        Description = "Expand at most N strangers' photos into bursts (every k-th of each half; default: all)",
    };

    private static void Run(string facesDir, string strangersDir, int? sample, int costPhotos)
    {
        using var engine = FaceEngine.Load(new FaceEngineOptions());
        var kiosk = Evaluation.Run(engine, facesDir, null).Kiosk;
        var regime = new BurstRegime(engine, kiosk, facesDir);
        var halves = BurstRegime.StrangerHalves(EvalPhotos.Strangers(strangersDir), sample);
        var proxies = new List<BurstFigures>();
        foreach (var proxy in Enum.GetValues<BurstProxy>())
        {
            var clock = Stopwatch.StartNew();
            proxies.Add(regime.Measure(proxy, halves));
            Console.Error.WriteLine($"{BurstRegime.Name(proxy)}: {clock.Elapsed.TotalSeconds:F0} s");
        }
        var cost = new[] { false, true }.Select(liveness => Cost(engine, facesDir, kiosk.ProbePhotos.Take(costPhotos).ToList(), liveness)).ToList();
        Console.WriteLine(JsonSerializer.Serialize(new { proxies, cost }, Json));
    }

    private sealed record Timing(double MedianMs, IReadOnlyDictionary<string, double> StageMedianMs);

    private sealed record BurstCost(bool Liveness, int Photos, Timing OneFrame, Timing ThreeFrames, double Ratio);

    /// <summary>Burst.Analyse of the photo alone and of its three jitter frames, alternately, one call at a time.</summary>
    private static BurstCost Cost(FaceEngine engine, string root, IReadOnlyList<FacePhoto> photos, bool liveness)
    {
        var (one, three) = (new List<Dictionary<string, double>>(), new List<Dictionary<string, double>>());
        foreach (var (photo, index) in photos.Select((photo, index) => (photo, index)))
        {
            var images = BurstRegime.Frames(BurstProxy.Jitter, File.ReadAllBytes(Path.Combine(root, photo.RelativePath)), [])
                .Select(frame => engine.Decode(frame)).ToList();
            try
            {
                var single = Time(engine, images.Take(1).ToList(), liveness);
                var burst = Time(engine, images, liveness);
                if (index > 0) // the first call of each warms up
                {
                    (one, three) = ([.. one, single], [.. three, burst]);
                }
            }
            finally
            {
                images.ForEach(image => image.Dispose());
            }
        }
        var (oneTiming, threeTiming) = (Summary(one), Summary(three));
        return new BurstCost(liveness, one.Count, oneTiming, threeTiming, Math.Round(threeTiming.MedianMs / oneTiming.MedianMs, 2));
    }

    private static Dictionary<string, double> Time(FaceEngine engine, IReadOnlyList<FaceImage> images, bool liveness)
    {
        var stages = new Dictionary<string, double>();
        var started = Stopwatch.GetTimestamp();
        Vision.Burst.Analyse(engine, images, liveness, asked: null, (name, spent) => stages[name] = spent.TotalMilliseconds);
        stages["total"] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return stages;
    }

    private static Timing Summary(List<Dictionary<string, double>> runs) => new(
        Median(runs.Select(run => run["total"])),
        runs.SelectMany(run => run.Keys).Where(name => name != "total").Distinct()
            .ToDictionary(name => name, name => Median(runs.Select(run => run.GetValueOrDefault(name)))));

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? 0 : Math.Round(sorted[sorted.Length / 2], 2);
    }
}
