using System.Collections.Concurrent;
using System.Diagnostics;
using System.Numerics.Tensors;
using System.Text.Json;
using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Eval;

/// <summary>
/// `eval --faces DIR`: embeds every photo of DIR with the local engine (largest face per photo, all cores) and prints
/// one JSON line of verification and identification figures at the engine's built-in threshold.
/// </summary>
internal static class EvalCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static int Run(string[] args)
    {
        if (args is not ["--faces", var facesDir])
        {
            Console.Error.WriteLine("usage: eval --faces DIR   (DIR/<identity>/<photo> and DIR/pairs.csv)");
            return 2;
        }
        var set = FaceSet.Load(facesDir);
        using var engine = FaceEngine.Load(new FaceEngineOptions());
        var clock = Stopwatch.StartNew();
        var embeddings = EmbedAll(engine, set);
        Console.Error.WriteLine($"embedded {set.Photos.Count} photos in {clock.Elapsed.TotalSeconds:F1} s");

        var same = new List<float>();
        var different = new List<float>();
        foreach (var pair in set.Pairs)
        {
            // a photo without a face can't match anything: it counts as a rejection
            var similarity = embeddings[pair.First] is { } a && embeddings[pair.Second] is { } b ? TensorPrimitives.Dot(a, b) : -1f;
            (pair.Same ? same : different).Add(similarity);
        }
        var threshold = engine.MatchThreshold;
        var (rank1, openSetFalseAccepts, openSetProbes) = IdentificationMetrics.Measure(set, embeddings, threshold);
        Console.WriteLine(JsonSerializer.Serialize(new EvalResult(
            set.Photos.Count, embeddings.Values.Count(e => e is not null), set.Pairs.Count, threshold,
            Round(VerificationMetrics.Accuracy(same, different, threshold)), Round(VerificationMetrics.BestAccuracy(same, different)),
            Round(VerificationMetrics.TrueAcceptRateAt(same, different, 1e-3)), Round(VerificationMetrics.TrueAcceptRateAt(same, different, 1e-2)),
            Round(VerificationMetrics.EqualErrorRate(same, different)), Round(rank1), openSetFalseAccepts, openSetProbes), Json));
        return 0;
    }

    private static Dictionary<string, float[]?> EmbedAll(FaceEngine engine, FaceSet set)
    {
        var embeddings = new ConcurrentDictionary<string, float[]?>(StringComparer.Ordinal);
        Parallel.ForEach(set.Photos, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, photo =>
        {
            using var image = engine.Decode(File.ReadAllBytes(Path.Combine(set.Root, photo.RelativePath)));
            var faces = engine.Detect(image);
            embeddings[photo.RelativePath] = faces.Count == 0 ? null : engine.Embed(image, NearestCentre(image, faces)).Vector;
        });
        return new Dictionary<string, float[]?>(embeddings, StringComparer.Ordinal);
    }

    // Eval photos are centred on the person they are labelled with (LFW's convention); the largest face, which the
    // kiosk rightly takes, is a bystander in 6 of the 1,448 dev photos and would measure someone else's face.
    private static DetectedFace NearestCentre(FaceImage image, IReadOnlyList<DetectedFace> faces) =>
        faces.MinBy(face => Square(face.Box.X + face.Box.Width / 2 - image.Width / 2f) + Square(face.Box.Y + face.Box.Height / 2 - image.Height / 2f))!;

    private static float Square(float value) => value * value;

    private static double Round(double value) => Math.Round(value, 5);

    private sealed record EvalResult(int Images, int Detected, int Pairs, float Threshold, double Accuracy, double BestAccuracy,
        double TarAtFar1e3, double TarAtFar1e2, double Eer, double Rank1, int OpenSetFalseAccepts, int OpenSetProbes);
}
