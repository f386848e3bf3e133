using System.CommandLine;
using System.Globalization;
using System.Text;
using FaceAttendance.Cli.Eval;
using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Learn;

/// <summary>
/// `learn --faces DIR --strangers DIR`: replays learning at the kiosk (<see cref="KioskLearningSimulation"/>) for a grid
/// of strict bars and prints a Markdown table: faces added (to the wrong person, from strangers) and the figures at the
/// match threshold before and after. The suggested bar adds no stranger and nothing to the wrong person, accepts no more
/// strangers after learning than before, is at least <see cref="StrangerDistance"/> above the closest stranger's
/// similarity, and recognises the most scans after it; among equals, the strictest.
/// </summary>
internal static class LearnCommand
{
    private const int MaxPerPerson = 3;

    // a few thousand strangers show only the start of the tail: the bar keeps well clear of the closest one seen
    private const float StrangerDistance = 0.10f;

    public static Command Create()
    {
        var faces = EvalOptions.Faces();
        var strangers = EvalOptions.Strangers(required: true);
        var command = new Command("learn", "Replays learning at the kiosk on dev and strangers for a grid of strict bars (Markdown)")
        {
            faces, strangers,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(faces).FullName, parsed.GetRequiredValue(strangers).FullName));
        return command;
    }

    private static void Run(string facesDir, string strangersDir)
    {
        using var engine = FaceEngine.Load(new FaceEngineOptions());
        var set = FaceSet.Load(facesDir);
        var strangers = EvalPhotos.Strangers(strangersDir);
        var simulation = new KioskLearningSimulation(set, strangers, EvalPhotos.Embed(engine, set.Root, set.Photos.Concat(strangers)), engine.MatchThreshold);
        var before = simulation.Before();
        var closestStranger = simulation.ClosestStranger();
        // strictest first, so that among equally good bars the strictest is suggested
        var outcomes = (from similarity in new[] { 0.80f, 0.75f, 0.70f, 0.65f, 0.60f }
                        from margin in new[] { 0.35f, 0.30f, 0.25f, 0.20f, 0.15f, 0.10f }
                        select simulation.Learn(new LearnBar(similarity, margin, MaxPerPerson))).ToList();
        var suggested = outcomes
            .Where(o => o.StrangersAdded == 0 && o.AddedToWrongPerson == 0 && o.After.StrangersAccepted <= before.StrangersAccepted
                && o.Bar.MinSimilarity >= closestStranger + StrangerDistance)
            .MaxBy(o => o.After.Recognised);

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{set.Identities.Count} people enrolled from one photo each; {before.Probes} scans of them, then {before.Strangers} strangers' photos; ");
        text.Append(CultureInfo.InvariantCulture, $"at most {MaxPerPerson} learned faces per person; threshold {engine.MatchThreshold:0.00}; ");
        text.Append(CultureInfo.InvariantCulture, $"the closest stranger's similarity before learning: {closestStranger:0.000}.\n\n");
        text.Append("| similarity ≥ | margin ≥ | added | to the wrong person | strangers added | recognised after (all scans) | scans not added: before → after | wrong person after | strangers accepted after |\n");
        text.Append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        text.Append(CultureInfo.InvariantCulture,
            $"| before learning | | | | | {Share(before)} | | {before.WrongPerson} | {before.StrangersAccepted} of {before.Strangers} |\n");
        foreach (var outcome in outcomes)
        {
            var mark = outcome == suggested ? " **(suggested)**" : "";
            text.Append(CultureInfo.InvariantCulture,
                $"| {outcome.Bar.MinSimilarity:0.00}{mark} | {outcome.Bar.MinMargin:0.00} | {outcome.Added} | {outcome.AddedToWrongPerson} | {outcome.StrangersAdded} | ");
            text.Append(CultureInfo.InvariantCulture,
                $"{Share(outcome.After)} | {Share(outcome.NotAddedBefore)} → {outcome.NotAddedAfter.RecognisedShare:P1} | {outcome.After.WrongPerson} | {outcome.After.StrangersAccepted} of {outcome.After.Strangers} |\n");
        }
        Console.WriteLine(text);
    }

    private static string Share(ProbeFigures figures) =>
        string.Create(CultureInfo.InvariantCulture, $"{figures.RecognisedShare:P1} ({figures.Recognised} of {figures.Probes})");
}
