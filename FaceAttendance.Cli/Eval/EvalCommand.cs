using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Eval;

/// <summary>
/// `eval --faces DIR [--strangers DIR]`: embeds every photo with the local engine (the face nearest the centre, all
/// cores) and prints one JSON line of verification, identification and kiosk-regime figures at the built-in threshold.
/// </summary>
internal static class EvalCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var faces = EvalOptions.Faces();
        var strangers = EvalOptions.Strangers(required: false);
        var command = new Command("eval", "Prints verification, identification and kiosk-regime figures at the built-in threshold as one JSON line")
        {
            faces, strangers,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(faces).FullName, parsed.GetValue(strangers)?.FullName));
        return command;
    }

    private static void Run(string facesDir, string? strangersDir)
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
            evaluation.Kiosk.Figures()), Json));
    }

    private static double Round(double value) => Math.Round(value, 5);

    private sealed record EvalResult(int Images, int Detected, int Pairs, float Threshold, double Accuracy, double BestAccuracy,
        double TarAtFar1e3, double TarAtFar1e2, double Eer, double Rank1, int OpenSetFalseAccepts, int OpenSetProbes, KioskFigures Kiosk);
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
