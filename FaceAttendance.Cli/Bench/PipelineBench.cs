using System.Diagnostics;
using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Bench;

/// <summary>
/// Times the kiosk's work on each photo, stage by stage: read + decode, detect, align + embed, liveness and a search
/// of the embedding in a gallery, on the largest face (as bench.mjs does with Human's first face).
/// </summary>
internal sealed class PipelineBench(FaceEngine engine, FaceIndex gallery)
{
    /// <summary>
    /// Runs every photo once; with several workers, each is a dedicated thread taking every workers-th photo, all
    /// sharing the one engine, like bench.mjs's interleaved worker processes. Returns timings in photo order.
    /// </summary>
    public (PhotoTiming[] Timings, double ImagesPerSecond) Run(IReadOnlyList<string> photos, int workers)
    {
        var timings = new PhotoTiming[photos.Count];
        var start = Stopwatch.GetTimestamp();
        var threads = Enumerable.Range(0, workers).Select(worker => new Thread(() =>
        {
            for (var i = worker; i < photos.Count; i += workers)
            {
                timings[i] = Time(photos[i]);
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());
        return (timings, photos.Count / Stopwatch.GetElapsedTime(start).TotalSeconds);
    }

    private PhotoTiming Time(string photo)
    {
        var started = Stopwatch.GetTimestamp();
        using var image = engine.Decode(File.ReadAllBytes(photo));
        var decoded = Stopwatch.GetTimestamp();
        var faces = engine.Detect(image);
        var detected = Stopwatch.GetTimestamp();
        if (faces.Count == 0)
        {
            return new PhotoTiming(false, Ms(started, decoded), Ms(decoded, detected), 0, 0, 0);
        }
        var embedding = engine.Embed(image, faces[0]);
        var embedded = Stopwatch.GetTimestamp();
        engine.CheckLiveness(image, faces[0]);
        var checkedLive = Stopwatch.GetTimestamp();
        gallery.Search(embedding.Vector, 1, engine.MatchThreshold);
        var searched = Stopwatch.GetTimestamp();
        return new PhotoTiming(true, Ms(started, decoded), Ms(decoded, detected), Ms(detected, embedded),
            Ms(embedded, checkedLive), Ms(checkedLive, searched));
    }

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;
}
