using System.CommandLine;
using System.Globalization;
using System.Text;
using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Eval;

/// <summary>
/// `tradeoff --faces DIR --strangers DIR --doc FILE --plot FILE.svg`: sweeps the match threshold over the kiosk regime
/// (see <see cref="KioskMetrics"/>) and writes the trade-off table between the markers in FILE plus an SVG plot of
/// recognised probes and strangers accepted against the threshold.
/// </summary>
internal static class TradeoffCommand
{
    private const string TableStart = "<!-- tradeoff table: written by `FaceAttendance.Cli tradeoff`; do not edit by hand -->";
    private const string TableEnd = "<!-- end of tradeoff table -->";

    public static Command Create()
    {
        var faces = EvalOptions.Faces();
        var strangers = EvalOptions.Strangers(required: true);
        var doc = new Option<FileInfo>("--doc")
        {
            Description = "The Markdown file whose tradeoff markers the table is written between (docs/recognition.md)",
            Required = true,
        }.AcceptExistingOnly();
        var plot = new Option<FileInfo>("--plot")
        {
            Description = "The SVG file the plot is written to (docs/recognition-tradeoff.svg)",
            Required = true,
        };
        var command = new Command("tradeoff", "Sweeps the match threshold over the kiosk regime and writes the trade-off table and plot")
        {
            faces, strangers, doc, plot,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(faces).FullName, parsed.GetRequiredValue(strangers).FullName,
            parsed.GetRequiredValue(doc).FullName, parsed.GetRequiredValue(plot).FullName));
        return command;
    }

    private static int Run(string facesDir, string strangersDir, string doc, string plot)
    {
        var text = File.ReadAllText(doc);
        var (start, end) = (text.IndexOf(TableStart, StringComparison.Ordinal), text.IndexOf(TableEnd, StringComparison.Ordinal));
        if (start < 0 || end < start)
        {
            Console.Error.WriteLine($"{doc} has no tradeoff markers; add the lines\n{TableStart}\n{TableEnd}");
            return 2;
        }
        using var engine = FaceEngine.Load(new FaceEngineOptions());
        var kiosk = Evaluation.Run(engine, facesDir, strangersDir).Kiosk;
        var rows = Thresholds(engine.MatchThreshold).Select(t => (Threshold: t, Figures: kiosk.At(t))).ToList();

        File.WriteAllText(doc, text[..(start + TableStart.Length)] + "\n" + Table(rows, engine.MatchThreshold) + text[end..]);
        File.WriteAllText(plot, Plot(rows, engine.MatchThreshold));
        Console.WriteLine($"wrote the table into {doc} and the plot to {plot}");
        return 0;
    }

    // a fine sweep around the operating point and a coarse one elsewhere, always including the built-in threshold
    private static IEnumerable<float> Thresholds(float builtIn) =>
        Enumerable.Range(6, 10).Select(i => i * 0.05f)
            .Concat(Enumerable.Range(-5, 11).Select(i => builtIn + i * 0.01f))
            .Select(t => MathF.Round(t, 3)).Where(t => t is > 0 and <= 1).Distinct().Order();

    private static string Table(List<(float Threshold, KioskFigures Figures)> rows, float builtIn)
    {
        var first = rows[0].Figures;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"Kiosk regime: {first.EnrolPhotos} enrolment photos, {first.Probes} probes of enrolled people, {first.OpenSetProbes} open-set probes (dev's second half + strangers).\n\n");
        text.Append("| threshold | recognised | wrong person | strangers accepted | strangers accepted (%) |\n|---:|---:|---:|---:|---:|\n");
        foreach (var (threshold, figures) in rows)
        {
            var mark = Math.Abs(threshold - builtIn) < 1e-4 ? " **(built in)**" : "";
            text.Append(CultureInfo.InvariantCulture,
                $"| {threshold:0.000}{mark} | {figures.Recognised:P1} | {figures.WrongPerson} | {figures.OpenSetFalseAccepts} | {100.0 * figures.OpenSetFalseAccepts / figures.OpenSetProbes:0.00} |\n");
        }
        return text.ToString();
    }

    private static string Plot(List<(float Threshold, KioskFigures Figures)> rows, float builtIn)
    {
        const int width = 640, height = 400, left = 60, right = 20, top = 30, bottom = 50;
        var (low, high) = (rows[0].Threshold, rows[^1].Threshold);
        var counts = rows[0].Figures;
        string X(float t) => (left + (t - low) / (high - low) * (width - left - right)).ToString("0.0", CultureInfo.InvariantCulture);
        string Y(double share) => (top + (1 - share) * (height - top - bottom)).ToString("0.0", CultureInfo.InvariantCulture);
        string Line(Func<KioskFigures, double> value) => string.Join(" ", rows.Select(r => $"{X(r.Threshold)},{Y(value(r.Figures))}"));

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" font-family=\"sans-serif\" font-size=\"12\">\n");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{left}\" y=\"18\">Kiosk regime on dev + strangers: {counts.Probes} probes, {counts.OpenSetProbes} strangers</text>\n");
        for (var tick = 0; tick <= 10; tick += 2)
        {
            svg.Append(CultureInfo.InvariantCulture,
                $"<line x1=\"{left}\" x2=\"{width - right}\" y1=\"{Y(tick / 10.0)}\" y2=\"{Y(tick / 10.0)}\" stroke=\"#ddd\"/><text x=\"{left - 8}\" y=\"{Y(tick / 10.0)}\" text-anchor=\"end\" dy=\"4\">{tick * 10} %</text>\n");
        }
        foreach (var t in rows.Select(r => r.Threshold).Where(t => Math.Abs(t * 20 - MathF.Round(t * 20)) < 1e-4))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(t)}\" y=\"{height - bottom + 18}\" text-anchor=\"middle\">{t:0.00}</text>\n");
        }
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{(width + left) / 2}\" y=\"{height - 12}\" text-anchor=\"middle\">match threshold (cosine to the person's mean embedding)</text>\n");
        svg.Append(CultureInfo.InvariantCulture,
            $"<line x1=\"{X(builtIn)}\" x2=\"{X(builtIn)}\" y1=\"{top}\" y2=\"{height - bottom}\" stroke=\"#888\" stroke-dasharray=\"4 3\"/><text x=\"{X(builtIn)}\" y=\"{top + 12}\" dx=\"4\">built in {builtIn:0.000}</text>\n");
        svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"#1565c0\" stroke-width=\"2\" points=\"{Line(f => f.Recognised)}\"/>\n");
        svg.Append(CultureInfo.InvariantCulture,
            $"<polyline fill=\"none\" stroke=\"#c62828\" stroke-width=\"2\" points=\"{Line(f => (double)f.OpenSetFalseAccepts / f.OpenSetProbes)}\"/>\n");
        svg.Append(CultureInfo.InvariantCulture,
            $"<text x=\"{width - right - 200}\" y=\"{top + 40}\" fill=\"#1565c0\">recognised (right person)</text><text x=\"{width - right - 200}\" y=\"{top + 58}\" fill=\"#c62828\">strangers accepted</text>\n");
        svg.Append("</svg>\n");
        return svg.ToString();
    }
}
