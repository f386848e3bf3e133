using System.Collections.Concurrent;
using System.CommandLine;
using System.Text.Json;
using FaceAttendance.Cli.Eval;
using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Front;

/// <summary>
/// `front --faces DIR`: which face each rule takes from a photo with more than one, the rule before issue 23 (the largest
/// face; refused when the second is more than half its area) against <see cref="FaceInFront"/>. On the set's own photos
/// with 2+ faces, the labelled person's face is the one most similar to the mean of their other photos (eval's embeddings);
/// on composites (<see cref="FrontComposite"/>) it is the pasted-over main face. Prints one JSON document.
/// </summary>
internal static class FrontCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };
    private static readonly float[] Scales = [0.5f, 0.75f, 1.0f];

    public static Command Create()
    {
        var faces = EvalOptions.Faces();
        var command = new Command("front", "Compares the largest-face rule with the face-in-front rule on the set's multi-face photos and on composites")
        {
            faces,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(faces).FullName));
        return command;
    }

    private static void Run(string facesDir)
    {
        using var engine = FaceEngine.Load(new FaceEngineOptions());
        var set = FaceSet.Load(facesDir);
        var photos = Detect(engine, set);
        var dev = DevPhotos(set, photos);
        var composites = Composites(engine, set, photos);
        Console.WriteLine(JsonSerializer.Serialize(new { dev, composites }, Json));
    }

    private sealed record Photo(int Width, int Height, IReadOnlyList<DetectedFace> Faces, IReadOnlyList<float[]> Embeddings);

    private static Dictionary<string, Photo> Detect(FaceEngine engine, FaceSet set)
    {
        var photos = new ConcurrentDictionary<string, Photo>(StringComparer.Ordinal);
        Parallel.ForEach(set.Photos, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, photo =>
        {
            using var image = engine.Decode(File.ReadAllBytes(Path.Combine(set.Root, photo.RelativePath)));
            var faces = engine.Detect(image);
            var embeddings = faces.Count == 0 ? [] : engine.Embed(image, faces).Select(e => e.Vector).ToList();
            photos[photo.RelativePath] = new Photo(image.Width, image.Height, faces, embeddings);
        });
        return new Dictionary<string, Photo>(photos, StringComparer.Ordinal);
    }

    private static object DevPhotos(FaceSet set, Dictionary<string, Photo> photos)
    {
        var old = new Tally();
        var front = new Tally();
        var labelledWidthShares = new List<float>();
        var multiFace = 0;
        var similarWidthRivals = new List<(string Photo, float Gap, bool FrontIsLabelled)>();
        foreach (var photo in set.Photos)
        {
            var found = photos[photo.RelativePath];
            if (found.Faces.Count < 2)
            {
                continue;
            }
            multiFace++;
            // the person's face: most like the mean of their other photos (each taken as the face nearest the centre, as eval does)
            var others = set.Photos.Where(p => p.Identity == photo.Identity && p != photo).Select(p => photos[p.RelativePath])
                .Where(p => p.Faces.Count > 0).Select(NearestCentreEmbedding).ToList();
            var mean = Mean(others);
            var labelled = found.Faces[Enumerable.Range(0, found.Faces.Count).MaxBy(i => Dot(found.Embeddings[i], mean))];
            labelledWidthShares.Add(labelled.Box.Width / found.Faces.Max(f => f.Box.Width));
            old.Add(Largest(found.Faces), labelled);
            var choice = FaceInFront.Choose(found.Faces, found.Width, found.Height);
            front.Add(choice.IsAmbiguous ? null : choice.Face, labelled);
            if (choice.Face is { } face && NearestSimilarWidthRival(face, found) is { } gap)
            {
                similarWidthRivals.Add((photo.RelativePath, gap, face == labelled));
            }
        }
        labelledWidthShares.Sort();
        return new
        {
            photos = set.Photos.Count,
            multiFace,
            labelledNotWidest = labelledWidthShares.Count(share => share < 1),
            labelledWidthShareLowest = labelledWidthShares.Take(5).Select(share => MathF.Round(share, 3)),
            largestRule = old,
            faceInFront = front,
            similarWidthRivals = similarWidthRivals.Count,
            similarWidthRivalsFrontIsLabelled = similarWidthRivals.Count(r => r.FrontIsLabelled),
            closestSimilarWidthRivals = similarWidthRivals.OrderBy(r => r.Gap).Take(5)
                .Select(r => new { r.Photo, distanceGapFaceWidths = MathF.Round(r.Gap, 2), r.FrontIsLabelled }),
        };
    }

    /// <summary>How much further from the centre than the front face the nearest face of similar width is, in face widths.</summary>
    private static float? NearestSimilarWidthRival(DetectedFace front, Photo photo)
    {
        var gaps = photo.Faces.Where(other => other != front
                && MathF.Min(front.Box.Width, other.Box.Width) >= FaceInFront.SimilarWidthShare * MathF.Max(front.Box.Width, other.Box.Width))
            .Select(other => (FaceInFront.DistanceFromCentre(other.Box, photo.Width, photo.Height)
                - FaceInFront.DistanceFromCentre(front.Box, photo.Width, photo.Height)) / MathF.Max(front.Box.Width, other.Box.Width))
            .ToList();
        return gaps.Count == 0 ? null : gaps.Min();
    }

    /// <summary>Each identity's first photo with exactly one face is a main photo; the next identity's is pasted behind it.</summary>
    private static object Composites(FaceEngine engine, FaceSet set, Dictionary<string, Photo> photos)
    {
        var mains = set.Photos.GroupBy(p => p.Identity)
            .Select(g => g.FirstOrDefault(p => photos[p.RelativePath].Faces.Count == 1)).OfType<FacePhoto>().ToList();
        var cases = new List<(int Index, float Scale, BystanderPlace Place)>();
        foreach (var scale in Scales)
        {
            foreach (var place in Enum.GetValues<BystanderPlace>())
            {
                cases.AddRange(Enumerable.Range(0, mains.Count).Select(i => (i, scale, place)));
            }
        }
        var results = new ConcurrentBag<(float Scale, BystanderPlace Place, bool SecondFound, Outcome Old, Outcome Front)>();
        Parallel.ForEach(cases, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
        {
            var (main, bystander) = (mains[c.Index], mains[(c.Index + 1) % mains.Count]);
            var (jpeg, mainBox, bystanderBox) = FrontComposite.Build(
                File.ReadAllBytes(Path.Combine(set.Root, main.RelativePath)), photos[main.RelativePath].Faces[0].Box,
                File.ReadAllBytes(Path.Combine(set.Root, bystander.RelativePath)), photos[bystander.RelativePath].Faces[0].Box,
                c.Scale, c.Place, toTheLeft: c.Index % 2 == 1);
            using var image = engine.Decode(jpeg);
            var faces = engine.Detect(image);
            var choice = FaceInFront.Choose(faces, image.Width, image.Height);
            results.Add((c.Scale, c.Place, faces.Any(f => FrontComposite.Contains(bystanderBox, f.Box)),
                OutcomeOf(Largest(faces), mainBox), OutcomeOf(choice.IsAmbiguous ? null : choice.Face, mainBox)));
        });
        return results.GroupBy(r => (r.Scale, r.Place)).OrderBy(g => g.Key.Place).ThenBy(g => g.Key.Scale).Select(g => new
        {
            scale = g.Key.Scale,
            place = g.Key.Place.ToString(),
            composites = g.Count(),
            secondFaceDetected = g.Count(r => r.SecondFound),
            largestRule = Counts(g.Select(r => r.Old)),
            faceInFront = Counts(g.Select(r => r.Front)),
        }).ToList();
    }

    /// <summary>The rule before issue 23: the largest face, unless the second largest is more than half its area.</summary>
    internal static DetectedFace? Largest(IReadOnlyList<DetectedFace> faces) =>
        faces.Count == 0 || (faces.Count > 1 && faces[0].Box.Area < 2 * faces[1].Box.Area) ? null : faces[0];

    private enum Outcome { Refused, RightPerson, WrongPerson }

    private static Outcome OutcomeOf(DetectedFace? picked, FaceBox main) =>
        picked is null ? Outcome.Refused : FrontComposite.Contains(main, picked.Box) ? Outcome.RightPerson : Outcome.WrongPerson;

    private static object Counts(IEnumerable<Outcome> outcomes)
    {
        var list = outcomes.ToList();
        return new
        {
            refused = list.Count(o => o == Outcome.Refused),
            rightPerson = list.Count(o => o == Outcome.RightPerson),
            wrongPerson = list.Count(o => o == Outcome.WrongPerson),
        };
    }

    private sealed class Tally
    {
        public int Refused { get; private set; }
        public int RightPerson { get; private set; }
        public int WrongPerson { get; private set; }

        public void Add(DetectedFace? picked, DetectedFace labelled)
        {
            if (picked is null) { Refused++; }
            else if (picked == labelled) { RightPerson++; }
            else { WrongPerson++; }
        }
    }

    private static float[] NearestCentreEmbedding(Photo photo) =>
        photo.Embeddings[Enumerable.Range(0, photo.Faces.Count).MinBy(i => FaceInFront.DistanceFromCentre(photo.Faces[i].Box, photo.Width, photo.Height))];

    private static float[] Mean(IReadOnlyList<float[]> vectors)
    {
        var mean = new float[vectors[0].Length];
        foreach (var vector in vectors)
        {
            for (var i = 0; i < mean.Length; i++) { mean[i] += vector[i]; }
        }
        return mean;
    }

    private static float Dot(float[] a, float[] b) => a.Zip(b, (x, y) => x * y).Sum();
}
