using System.CommandLine;
using System.Globalization;
using System.Text;
using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Eval;

/// <summary>
/// `strangers --faces DIR --strangers DIR`: the kiosk regime (see <see cref="KioskMetrics"/>) with the strangers split
/// in two by sorted identity (even: half A, odd: half B). Each <see cref="UnknownRuleKind"/> has its parameters chosen
/// on dev + half A (most recognised while at most 0.1 % of dev's never-enrolled photos and half A's are accepted) and
/// is then reported on both halves; prints a Markdown table. Diagnostic rows hold the floor at 0.40 to show what the
/// margin or the cohort does on its own.
/// </summary>
internal static class StrangersCommand
{
    private const double MaxStrangerShare = 0.001;

    // the floor of the diagnostic rows, well below the threshold's operating point (0.50)
    private const float HeldFloor = 0.40f;

    public static Command Create()
    {
        var faces = EvalOptions.Faces();
        var strangers = EvalOptions.Strangers(required: true);
        var command = new Command("strangers", "Chooses each unknown-face rule on dev + half the strangers and reports it on the other half (Markdown)")
        {
            faces, strangers,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(faces).FullName, parsed.GetRequiredValue(strangers).FullName));
        return command;
    }

    private static void Run(string facesDir, string strangersDir)
    {
        using var engine = FaceEngine.Load(new FaceEngineOptions());
        var kiosk = Evaluation.Run(engine, facesDir, strangersDir).Kiosk;
        var (halfA, halfB) = KioskMetrics.Halves(kiosk.Strangers);
        var tuning = kiosk.DevOpenSet.Concat(halfA).ToList();
        var allowed = (int)Math.Floor(MaxStrangerShare * tuning.Count);
        var cohortAll = kiosk.Probes.Count == 0 ? 0 : kiosk.Probes[0].Ranked.Similarities.Length - 1;

        var rows = new List<(string Name, UnknownRule? Rule)> { ("today (not tuned)", UnknownRule.FixedThreshold(engine.MatchThreshold)) };
        foreach (var (name, grid) in Grids(cohortAll))
        {
            // strictest first, so that among equally good settings the strictest is kept
            var chosen = grid
                .Select(rule => (Rule: rule, Figures: kiosk.Under(rule, tuning)))
                .Where(candidate => candidate.Figures.OpenSetFalseAccepts <= allowed)
                .OrderByDescending(candidate => candidate.Figures.Recognised)
                .ThenBy(candidate => candidate.Figures.OpenSetFalseAccepts)
                .ThenBy(candidate => candidate.Figures.WrongPerson)
                .Select(candidate => candidate.Rule)
                .FirstOrDefault();
            rows.Add((name, chosen));
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Kiosk regime: {kiosk.Probes.Count} probes of enrolled people; {kiosk.DevOpenSet.Count} never-enrolled dev photos; strangers half A {halfA.Count} photos, half B {halfB.Count}. ");
        text.Append(CultureInfo.InvariantCulture,
            $"Chosen on dev + half A: at most {allowed} of {tuning.Count} never-enrolled photos accepted (0.1 %), most recognised.\n\n");
        text.Append("| rule (chosen on A) | recognised | wrong person | dev never-enrolled accepted | strangers A accepted | strangers B accepted | halves within 2× |\n");
        text.Append("|---|---:|---:|---:|---:|---:|---|\n");
        foreach (var (name, rule) in rows)
        {
            if (rule is null)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {name}: no setting keeps within {allowed} on dev + half A | | | | | | |\n");
                continue;
            }
            var dev = kiosk.Under(rule, kiosk.DevOpenSet);
            var a = kiosk.Under(rule, halfA);
            var b = kiosk.Under(rule, halfB);
            text.Append(CultureInfo.InvariantCulture,
                $"| {name}: {rule} | {dev.Recognised:P1} | {dev.WrongPerson} ({(double)dev.WrongPerson / dev.Probes:P1}) | {dev.OpenSetFalseAccepts} of {dev.OpenSetProbes} | ");
            text.Append(CultureInfo.InvariantCulture,
                $"{a.OpenSetFalseAccepts} ({Share(a):0.00} %) | {b.OpenSetFalseAccepts} ({Share(b):0.00} %) | {(WithinFactorOfTwo(Share(a), Share(b)) ? "yes" : "no")} |\n");
        }
        Console.WriteLine(text);
    }

    private static double Share(KioskFigures figures) => 100.0 * figures.OpenSetFalseAccepts / figures.OpenSetProbes;

    // none accepted on both halves agrees; none on one and some on the other does not
    private static bool WithinFactorOfTwo(double a, double b) => Math.Max(a, b) <= 2 * Math.Min(a, b);

    // each kind's candidate settings, strictest first
    private static IEnumerable<(string Name, List<UnknownRule> Grid)> Grids(int cohortAll)
    {
        static IEnumerable<float> Steps(float from, float to, float step) =>
            Enumerable.Range(0, (int)MathF.Round((to - from) / step) + 1).Select(i => MathF.Round(to - i * step, 4));

        yield return ("threshold", [.. Steps(0.40f, 0.60f, 0.005f).Select(UnknownRule.FixedThreshold)]);
        yield return ("margin", [.. from m in Steps(0f, 0.20f, 0.01f)
                                    from t in Steps(0.40f, 0.60f, 0.01f)
                                    select new UnknownRule(UnknownRuleKind.Margin, t, Margin: m)]);
        foreach (var size in new[] { 10, 50, cohortAll }.Distinct())
        {
            yield return ($"cohort of {size}", [.. from z in Steps(1f, 10f, 0.25f)
                                                   from floor in Steps(0.30f, 0.55f, 0.01f)
                                                   select new UnknownRule(UnknownRuleKind.Cohort, floor, MinZ: z, CohortSize: size)]);
        }
        // the same rules with the floor held well below the threshold's operating point: does the margin or the cohort
        // alone tell strangers from enrolled people, or only the similarity itself?
        yield return ($"margin, floor held at {HeldFloor}", [.. Steps(0f, 0.30f, 0.005f).Select(m => new UnknownRule(UnknownRuleKind.Margin, HeldFloor, Margin: m))]);
        foreach (var size in new[] { 10, 50, cohortAll }.Distinct())
        {
            yield return ($"cohort of {size}, floor held at {HeldFloor}",
                [.. Steps(1f, 12f, 0.1f).Select(z => new UnknownRule(UnknownRuleKind.Cohort, HeldFloor, MinZ: z, CohortSize: size))]);
        }
    }
}
