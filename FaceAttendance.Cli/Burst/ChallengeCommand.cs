using System.Collections.Concurrent;
using System.CommandLine;
using System.Globalization;
using System.Text;
using FaceAttendance.Cli.Eval;
using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Burst;

/// <summary>
/// `challenge --faces DIR [--limit N]`: the head-turn check (<see cref="Vision.Burst.Analyse"/> with a turn asked) on
/// sequences made from the set's photos, for a grid of <see cref="Vision.Burst.MinTurnDegrees"/> and
/// <see cref="Vision.Burst.MinSameFace"/>. Turns that must pass: a photo then its mirror image (roughly the opposite yaw),
/// asked the way the yaw changes; two photos of one person at different yaws. Must fail: the photo three times with
/// small jitter (a held-up photo or a still screen), asked either way; the mirror sequence asked the wrong way; a turn to
/// a different person's photo. Proxies, not a person turning: a mirror is not a turn. Prints Markdown.
/// </summary>
internal static class ChallengeCommand
{
    private static readonly float[] TurnGrid = [4, 6, 8, 10, 12, 15, 20];
    private static readonly float[] SameFaceGrid = [0.2f, 0.25f, 0.3f, 0.35f, 0.4f, 0.45f, 0.5f];
    private static readonly (float From, float To)[] Buckets = [(0, 10), (10, 15), (15, 20), (20, 30), (30, 180)];

    // a sequence needs a yaw change of at least this (by the photos' own yaws) to have a direction to ask
    private const float MinDirectedChange = 2;
    private const int PairsPerPerson = 6;

    private enum Kind { MirrorTurn, OtherPhotoTurn, Still, MirrorWrongWay, SwappedFace }

    private sealed record Sequence(Kind Kind, FacePhoto First, FacePhoto? Second, bool Mirror, HeadTurn Asked, float ExpectedTurn);

    private sealed record Outcome(Sequence Sequence, float TurnDegrees, float SameFace)
    {
        public bool Passes(float minTurn, float minSameFace) => TurnDegrees >= minTurn && SameFace >= minSameFace;
    }

    public static Command Create()
    {
        var faces = EvalOptions.Faces();
        var limit = new Option<int?>("--limit")
        {
            Description = "Use at most N of the set's photos (every k-th by sorted path; default: all)",
        };
        var command = new Command("challenge",
            "Measures the head-turn check on mirrored and other-photo turns, jittered stills, wrong-way and swapped-face sequences over a grid of its two constants (Markdown)")
        {
            faces, limit,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(faces).FullName, parsed.GetValue(limit)));
        return command;
    }

    private static void Run(string facesDir, int? limit)
    {
        using var engine = FaceEngine.Load(new FaceEngineOptions());
        var set = FaceSet.Load(facesDir);
        var step = limit is { } max && max < set.Photos.Count ? (int)Math.Ceiling((double)set.Photos.Count / max) : 1;
        var photos = set.Photos.Where((_, i) => i % step == 0).ToList();

        // each photo's own yaw (the face in front, as a one-frame burst judges it): the direction each sequence asks
        var yaws = new ConcurrentDictionary<string, float>(StringComparer.Ordinal);
        Parallel.ForEach(photos, AllCores(), photo =>
        {
            if (Analyse(engine, [Read(facesDir, photo)], null).Frames[0].Quality is { } quality)
            {
                yaws[photo.RelativePath] = quality.YawDegrees;
            }
        });
        var sequences = Sequences(photos.Where(photo => yaws.ContainsKey(photo.RelativePath)).ToList(), yaws);
        var outcomes = new ConcurrentBag<Outcome>();
        Parallel.ForEach(sequences, AllCores(), sequence =>
        {
            var first = Read(facesDir, sequence.First);
            byte[][] frames = sequence.Kind switch
            {
                Kind.Still => BurstRegime.Frames(BurstProxy.Jitter, first, []),
                _ when sequence.Mirror => [first, BurstFrames.Mirrored(first)],
                _ => [first, Read(facesDir, sequence.Second!)],
            };
            var turn = Analyse(engine, frames, sequence.Asked).Turn!;
            outcomes.Add(new Outcome(sequence, turn.TurnDegrees, turn.SameFace));
        });
        Console.WriteLine(Report(photos.Count, yaws.Count, [.. outcomes]));
    }

    private static List<Sequence> Sequences(List<FacePhoto> photos, IReadOnlyDictionary<string, float> yaws)
    {
        var sequences = new List<Sequence>();
        static HeadTurn Towards(float from, float to) => to < from ? HeadTurn.Left : HeadTurn.Right;
        static HeadTurn Opposite(HeadTurn turn) => turn == HeadTurn.Left ? HeadTurn.Right : HeadTurn.Left;
        var people = photos.GroupBy(photo => photo.Identity).Select(group => group.ToList()).ToList();
        for (var p = 0; p < people.Count; p++)
        {
            var own = people[p];
            var pairs = 0;
            foreach (var photo in own)
            {
                var yaw = yaws[photo.RelativePath];
                sequences.Add(new Sequence(Kind.Still, photo, null, false, HeadTurn.Left, 0));
                sequences.Add(new Sequence(Kind.Still, photo, null, false, HeadTurn.Right, 0));
                // the mirror's yaw is about −yaw: a change of 2|yaw| towards the other side
                if (2 * MathF.Abs(yaw) >= MinDirectedChange)
                {
                    var asked = Towards(yaw, -yaw);
                    sequences.Add(new Sequence(Kind.MirrorTurn, photo, null, true, asked, 2 * MathF.Abs(yaw)));
                    sequences.Add(new Sequence(Kind.MirrorWrongWay, photo, null, true, Opposite(asked), 2 * MathF.Abs(yaw)));
                }
                foreach (var other in own.Where(other => string.CompareOrdinal(other.RelativePath, photo.RelativePath) > 0))
                {
                    var change = yaws[other.RelativePath] - yaw;
                    if (pairs < PairsPerPerson && MathF.Abs(change) >= MinDirectedChange)
                    {
                        pairs++;
                        sequences.Add(new Sequence(Kind.OtherPhotoTurn, photo, other, false, Towards(yaw, yaws[other.RelativePath]), MathF.Abs(change)));
                    }
                }
                // the next person's photo most turned from this one: a turn to a different face
                var stranger = people[(p + 1) % people.Count].MaxBy(other => MathF.Abs(yaws[other.RelativePath] - yaw))!;
                var swap = yaws[stranger.RelativePath] - yaw;
                if (people.Count > 1 && MathF.Abs(swap) >= MinDirectedChange)
                {
                    sequences.Add(new Sequence(Kind.SwappedFace, photo, stranger, false, Towards(yaw, yaws[stranger.RelativePath]), MathF.Abs(swap)));
                }
            }
        }
        return sequences;
    }

    private static string Report(int photos, int withFace, List<Outcome> outcomes)
    {
        List<Outcome> Of(Kind kind, float from = 0, float to = 180) =>
            [.. outcomes.Where(o => o.Sequence.Kind == kind && o.Sequence.ExpectedTurn >= from && o.Sequence.ExpectedTurn < to)];
        static string Rate(List<Outcome> list, float t, float s) =>
            list.Count == 0 ? "–" : (100.0 * list.Count(o => o.Passes(t, s)) / list.Count).ToString("0.0", CultureInfo.InvariantCulture);
        static string Quantiles(IEnumerable<float> values)
        {
            var sorted = values.Order().ToArray();
            string At(double q) => sorted.Length == 0 ? "–" : sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))].ToString("0.00", CultureInfo.InvariantCulture);
            return $"min {At(0)}, 1 % {At(0.01)}, 5 % {At(0.05)}, median {At(0.5)}, 95 % {At(0.95)}, 99 % {At(0.99)}, max {At(1)}";
        }

        var text = new StringBuilder();
        var kinds = Enum.GetValues<Kind>();
        text.Append(CultureInfo.InvariantCulture, $"{photos} photos, {withFace} with a face in front; sequences: ");
        text.AppendJoin(", ", kinds.Select(kind => $"{kind} {Of(kind).Count}"));
        text.Append("\n\nMeasured turn (degrees in the asked direction) and same-face cosine, by kind:\n\n| kind | turn | same face |\n|---|---|---|\n");
        foreach (var kind in kinds)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {kind} | {Quantiles(Of(kind).Select(o => o.TurnDegrees))} | {Quantiles(Of(kind).Select(o => o.SameFace))} |\n");
        }

        var (mirror15, other15) = (Of(Kind.MirrorTurn, 15, 30), Of(Kind.OtherPhotoTurn, 15, 30));
        text.Append(CultureInfo.InvariantCulture,
            $"\nPass rate (%) over the grid. Real turns of 15–30° (by the photos' own yaws): mirror {mirror15.Count}, other photos {other15.Count}; ");
        text.Append(CultureInfo.InvariantCulture,
            $"stills {Of(Kind.Still).Count} (each photo asked both ways), wrong way {Of(Kind.MirrorWrongWay).Count}, swapped faces {Of(Kind.SwappedFace).Count} (all sizes), swapped ≥ 15° {Of(Kind.SwappedFace, 15).Count}.\n\n");
        text.Append("| MinTurnDegrees | MinSameFace | mirror 15–30° | other photos 15–30° | stills | mirror wrong way | swapped faces | swapped ≥ 15° |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        foreach (var t in TurnGrid)
        {
            foreach (var s in SameFaceGrid)
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"| {t} | {s:0.00} | {Rate(mirror15, t, s)} | {Rate(other15, t, s)} | {Rate(Of(Kind.Still), t, s)} | {Rate(Of(Kind.MirrorWrongWay), t, s)} | {Rate(Of(Kind.SwappedFace), t, s)} | {Rate(Of(Kind.SwappedFace, 15), t, s)} |\n");
            }
        }

        var chosen = Vision.Burst.MinSameFace;
        text.Append(CultureInfo.InvariantCulture, $"\nPass rate (%) of real turns by size (the photos' own yaws), MinSameFace {chosen:0.00}:\n\n| MinTurnDegrees |");
        foreach (var kind in new[] { Kind.MirrorTurn, Kind.OtherPhotoTurn })
        {
            foreach (var (from, to) in Buckets)
            {
                text.Append(CultureInfo.InvariantCulture, $" {(kind == Kind.MirrorTurn ? "mirror" : "other photos")} {from}–{(to >= 180 ? "" : to)}° ({Of(kind, from, to).Count}) |");
            }
        }
        text.Append("\n|---:|" + string.Concat(Enumerable.Repeat("---:|", 2 * Buckets.Length)) + "\n");
        foreach (var t in TurnGrid)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {t} |");
            foreach (var kind in new[] { Kind.MirrorTurn, Kind.OtherPhotoTurn })
            {
                foreach (var (from, to) in Buckets)
                {
                    text.Append(CultureInfo.InvariantCulture, $" {Rate(Of(kind, from, to), t, chosen)} |");
                }
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static BurstAnalysis Analyse(FaceEngine engine, IReadOnlyList<byte[]> frames, HeadTurn? asked)
    {
        var images = frames.Select(frame => engine.Decode(frame)).ToList();
        try
        {
            return Vision.Burst.Analyse(engine, images, checkLiveness: false, asked);
        }
        finally
        {
            images.ForEach(image => image.Dispose());
        }
    }

    private static byte[] Read(string root, FacePhoto photo) => File.ReadAllBytes(Path.Combine(root, photo.RelativePath));

    private static ParallelOptions AllCores() => new() { MaxDegreeOfParallelism = Environment.ProcessorCount };
}
