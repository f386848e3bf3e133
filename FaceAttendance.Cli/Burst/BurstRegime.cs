using System.Collections.Concurrent;
using FaceAttendance.Cli.Eval;
using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Burst;

/// <summary>How a burst is made from evaluation photos, since dev has no real bursts.</summary>
internal enum BurstProxy
{
    /// <summary>The photo plus two copies shifted and zoomed a few % with ±8 % exposure (<see cref="BurstFrames.Jittered"/>).</summary>
    Jitter,

    /// <summary>The photo plus a heavily motion-blurred copy and a heavily darkened one.</summary>
    OneBadFrame,

    /// <summary>2–3 different photos of the same person (the probe and the next one or two of their probe photos);
    /// strangers have one photo each, so theirs are <see cref="Jitter"/> bursts.</summary>
    OtherPhotos,
}

/// <summary>One side (one frame or the burst) of a proxy's figures; <see cref="Nobody"/>: probes decided as nobody (no usable
/// face, or below the threshold).</summary>
internal sealed record BurstSide(double Recognised, int WrongPerson, int Nobody, int StrangersAccepted, int StrangersAcceptedHalfA, int StrangersAcceptedHalfB);

/// <summary>A proxy's figures: the probe photo alone (<see cref="Vision.Burst.Analyse"/> of one frame) against its burst;
/// for <see cref="BurstProxy.OneBadFrame"/> also the blurred frame alone, the one snapshot a kiosk may catch.</summary>
internal sealed record BurstFigures(string Proxy, string StrangersProxy, int Probes, int Strangers, int StrangersHalfA, int StrangersHalfB,
    BurstSide OneFrame, BurstSide Burst, BurstSide? BlurredFrameAlone);

/// <summary>
/// The kiosk regime (<see cref="KioskMetrics"/>: its gallery, its probes) with each probe decided as a kiosk scan is:
/// <see cref="Vision.Burst.Analyse"/> (face in front, quality gate, the sharpest usable frames fused) then the gallery at
/// the built-in threshold. One frame is the probe photo alone; the burst is the photo plus the proxy's other frames.
/// Strangers (split into halves as `strangers` does) are expanded by the same proxy. Runs on every core.
/// </summary>
internal sealed class BurstRegime(FaceEngine engine, KioskMetrics kiosk, string root)
{
    private readonly ConcurrentDictionary<string, Guid?> oneFrame = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(BurstProxy, string), (Guid? One, Guid? Burst, Guid? Blurred)> strangerBursts = new();

    /// <summary>The strangers' halves (even/odd of the sorted list), each thinned to every k-th photo so both together
    /// are at most <paramref name="max"/> photos (null: all).</summary>
    public static (List<FacePhoto> A, List<FacePhoto> B) StrangerHalves(IReadOnlyList<FacePhoto> strangers, int? max)
    {
        var (a, b) = KioskMetrics.Halves(strangers);
        if (max is not { } limit || limit >= strangers.Count)
        {
            return (a, b);
        }
        var step = (int)Math.Ceiling((double)strangers.Count / limit);
        return ([.. a.Where((_, i) => i % step == 0)], [.. b.Where((_, i) => i % step == 0)]);
    }

    public BurstFigures Measure(BurstProxy proxy, (List<FacePhoto> A, List<FacePhoto> B) strangers)
    {
        var probes = Probes(proxy);
        var decided = new ConcurrentDictionary<int, (Guid? One, Guid? Burst, Guid? Blurred)>();
        Parallel.For(0, probes.Count, AllCores(), i =>
        {
            var (photo, others) = probes[i];
            var bytes = Read(photo);
            var frames = Frames(proxy, bytes, others);
            decided[i] = (OneFrame(photo, bytes), Decide(frames), proxy == BurstProxy.OneBadFrame ? Decide([frames[1]]) : null);
        });
        var strangerProxy = proxy == BurstProxy.OtherPhotos ? BurstProxy.Jitter : proxy;
        var all = strangers.A.Select(photo => (photo, HalfA: true)).Concat(strangers.B.Select(photo => (photo, HalfA: false))).ToList();
        var strangerDecided = new ConcurrentDictionary<int, (Guid? One, Guid? Burst, Guid? Blurred)>();
        Parallel.For(0, all.Count, AllCores(), i =>
        {
            var photo = all[i].photo;
            var bytes = Read(photo);
            strangerDecided[i] = strangerBursts.GetOrAdd((strangerProxy, photo.RelativePath), _ =>
            {
                var frames = Frames(strangerProxy, bytes, []);
                return (OneFrame(photo, bytes), Decide(frames), strangerProxy == BurstProxy.OneBadFrame ? Decide([frames[1]]) : null);
            });
        });

        BurstSide Side(Func<(Guid? One, Guid? Burst, Guid? Blurred), Guid?> pick)
        {
            int recognised = 0, wrong = 0;
            for (var i = 0; i < probes.Count; i++)
            {
                var person = pick(decided[i]);
                var truth = kiosk.PersonOf[probes[i].Photo.Identity];
                recognised += person == truth ? 1 : 0;
                wrong += person is { } p && p != truth ? 1 : 0;
            }
            var nobody = Enumerable.Range(0, probes.Count).Count(i => pick(decided[i]) is null);
            var accepted = Enumerable.Range(0, all.Count).Where(i => pick(strangerDecided[i]) is not null).ToList();
            return new BurstSide(probes.Count == 0 ? 0 : Math.Round((double)recognised / probes.Count, 5), wrong, nobody,
                accepted.Count, accepted.Count(i => all[i].HalfA), accepted.Count(i => !all[i].HalfA));
        }
        return new BurstFigures(Name(proxy), Name(strangerProxy), probes.Count, all.Count, strangers.A.Count, strangers.B.Count,
            Side(d => d.One), Side(d => d.Burst), proxy == BurstProxy.OneBadFrame ? Side(d => d.Blurred) : null);
    }

    /// <summary>The proxy's frames for a photo: the photo first, then the others.</summary>
    public static byte[][] Frames(BurstProxy proxy, byte[] photo, IReadOnlyList<byte[]> otherPhotos) => proxy switch
    {
        BurstProxy.Jitter => [photo, .. BurstFrames.Jittered(photo)],
        BurstProxy.OneBadFrame => [photo, BurstFrames.MotionBlurred(photo), BurstFrames.Darkened(photo)],
        BurstProxy.OtherPhotos => [photo, .. otherPhotos],
        _ => throw new ArgumentOutOfRangeException(nameof(proxy)),
    };

    public static string Name(BurstProxy proxy) => proxy switch
    {
        BurstProxy.Jitter => "jitter",
        BurstProxy.OneBadFrame => "one bad frame",
        BurstProxy.OtherPhotos => "other photos",
        _ => throw new ArgumentOutOfRangeException(nameof(proxy)),
    };

    /// <summary>Each probe with the other photos of its burst: none for the synthetic proxies; for
    /// <see cref="BurstProxy.OtherPhotos"/> the next one or two probe photos of the same person (people with only one
    /// probe photo are left out).</summary>
    private List<(FacePhoto Photo, byte[][] Others)> Probes(BurstProxy proxy)
    {
        if (proxy != BurstProxy.OtherPhotos)
        {
            return [.. kiosk.ProbePhotos.Select(photo => (photo, Array.Empty<byte[]>()))];
        }
        var probes = new List<(FacePhoto, byte[][])>();
        foreach (var own in kiosk.ProbePhotos.GroupBy(photo => photo.Identity).Select(group => group.ToList()).Where(own => own.Count >= 2))
        {
            for (var i = 0; i < own.Count; i++)
            {
                var others = Enumerable.Range(1, Math.Min(2, own.Count - 1)).Select(k => Read(own[(i + k) % own.Count])).ToArray();
                probes.Add((own[i], others));
            }
        }
        return probes;
    }

    private Guid? OneFrame(FacePhoto photo, byte[] bytes) => oneFrame.GetOrAdd(photo.RelativePath, _ => Decide([bytes]));

    private Guid? Decide(IReadOnlyList<byte[]> frames)
    {
        var images = frames.Select(frame => engine.Decode(frame)).ToList();
        try
        {
            var analysis = Vision.Burst.Analyse(engine, images, checkLiveness: false, asked: null);
            return analysis.Embedding is { } embedding ? kiosk.Gallery.Identify(embedding.Vector).PersonId : null;
        }
        finally
        {
            images.ForEach(image => image.Dispose());
        }
    }

    private byte[] Read(FacePhoto photo) => File.ReadAllBytes(Path.Combine(root, photo.RelativePath));

    private static ParallelOptions AllCores() => new() { MaxDegreeOfParallelism = Environment.ProcessorCount };
}
