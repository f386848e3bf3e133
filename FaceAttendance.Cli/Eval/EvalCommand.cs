using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using FaceAttendance.Cli.Burst;
using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Eval;

/// <summary>
/// `eval --faces DIR [--strangers DIR] [--strangers-sample N]`: embeds every photo with the local engine (the face nearest
/// the centre, all cores) and prints one JSON line of verification, identification and kiosk-regime figures at the
/// built-in threshold; then the kiosk regime's strangers by half (as `strangers` splits them) and the kiosk regime with
/// bursts of the person's other photos (<see cref="BurstProxy.OtherPhotos"/>; strangers' bursts are jitter).
/// </summary>
internal static class EvalCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var faces = EvalOptions.Faces();
        var strangers = EvalOptions.Strangers(required: false);
        var sample = BurstCommand.StrangersSample();
        var command = new Command("eval",
            "Prints verification, identification and kiosk-regime figures (one frame, and bursts of other photos) at the built-in threshold as one JSON line")
        {
            faces, strangers, sample,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(faces).FullName, parsed.GetValue(strangers)?.FullName, parsed.GetValue(sample)));
        return command;
    }

    private static void Run(string facesDir, string? strangersDir, int? strangersSample)
    {
        using var engine = FaceEngine.Load(new FaceEngineOptions());
        var evaluation = Evaluation.Run(engine, facesDir, strangersDir);
        var (set, embeddings) = (evaluation.Set, evaluation.Embeddings);

        var (same, different) = VerificationMetrics.PairScores(set, embeddings);
        var threshold = engine.MatchThreshold;
        var (rank1, openSetFalseAccepts, openSetProbes) = IdentificationMetrics.Measure(set, embeddings, threshold);
        Console.WriteLine(JsonSerializer.Serialize(new EvalResult(
            set.Photos.Count, set.Photos.Count(p => embeddings[p.RelativePath] is not null), set.Pairs.Count, threshold,
            Round(VerificationMetrics.Accuracy(same, different, threshold)), Round(VerificationMetrics.BestAccuracy(same, different)),
            Round(VerificationMetrics.TrueAcceptRateAt(same, different, 1e-3)), Round(VerificationMetrics.TrueAcceptRateAt(same, different, 1e-2)),
            Round(VerificationMetrics.EqualErrorRate(same, different)), Round(rank1), openSetFalseAccepts, openSetProbes,
            evaluation.Kiosk.Figures(), StrangerHalves(evaluation.Kiosk), Bursts(engine, evaluation, facesDir, strangersDir, strangersSample)), Json));
    }

    /// <summary>The kiosk regime's strangers accepted at the built-in threshold, half A and half B as `strangers` splits them.</summary>
    private static HalvesFigures? StrangerHalves(KioskMetrics kiosk)
    {
        if (kiosk.Strangers.Count == 0)
        {
            return null;
        }
        var rule = UnknownRule.FixedThreshold(kiosk.Gallery.Threshold);
        var (a, b) = KioskMetrics.Halves(kiosk.Strangers);
        return new HalvesFigures(a.Count, a.Count(ranked => ranked.Decide(rule) is not null), b.Count, b.Count(ranked => ranked.Decide(rule) is not null));
    }

    /// <summary>The kiosk regime with bursts of other photos of the person (strangers: jitter bursts), see <see cref="BurstRegime"/>.</summary>
    private static BurstFigures Bursts(FaceEngine engine, Evaluation evaluation, string facesDir, string? strangersDir, int? strangersSample)
    {
        var clock = Stopwatch.StartNew();
        var strangers = strangersDir is null ? [] : EvalPhotos.Strangers(strangersDir);
        var figures = new BurstRegime(engine, evaluation.Kiosk, facesDir)
            .Measure(BurstProxy.OtherPhotos, BurstRegime.StrangerHalves(strangers, strangersSample));
        Console.Error.WriteLine($"kiosk regime with bursts in {clock.Elapsed.TotalSeconds:F1} s");
        return figures;
    }

    private static double Round(double value) => Math.Round(value, 5);

    private sealed record EvalResult(int Images, int Detected, int Pairs, float Threshold, double Accuracy, double BestAccuracy,
        double TarAtFar1e3, double TarAtFar1e2, double Eer, double Rank1, int OpenSetFalseAccepts, int OpenSetProbes, KioskFigures Kiosk,
        HalvesFigures? KioskStrangerHalves, BurstFigures KioskBurst);

    private sealed record HalvesFigures(int HalfA, int HalfAAccepted, int HalfB, int HalfBAccepted);
}

/// <summary>Everything eval and tradeoff measure from: the set, its embeddings (strangers' too) and the kiosk regime.</summary>
internal sealed record Evaluation(FaceSet Set, IReadOnlyDictionary<string, float[]?> Embeddings, KioskMetrics Kiosk)
{
    public static Evaluation Run(FaceEngine engine, string facesDir, string? strangersDir)
    {
        var set = FaceSet.Load(facesDir);
        var strangers = strangersDir is null ? [] : EvalPhotos.Strangers(strangersDir);
        var clock = Stopwatch.StartNew();
        var embeddings = EvalPhotos.Embed(engine, set.Root, set.Photos.Concat(strangers));
        Console.Error.WriteLine($"embedded {set.Photos.Count + strangers.Count} photos in {clock.Elapsed.TotalSeconds:F1} s");
        return new Evaluation(set, embeddings, new KioskMetrics(set, strangers, embeddings, engine.MatchThreshold));
    }
}
