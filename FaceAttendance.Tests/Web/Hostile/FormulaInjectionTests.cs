using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using FaceAttendance.Tests.Web.Hours;
using FaceAttendance.Tests.Web.Sites;
using FaceAttendance.Tests.Web.Support;

namespace FaceAttendance.Tests.Web.Hostile;

/// <summary>People whose names and ids a spreadsheet would run as formulas (OWASP's CSV injection list): every export a
/// payroll clerk opens keeps them as text: the CSV by a leading apostrophe, the XLSX as text cells with no formula.</summary>
public sealed class FormulaInjectionTests
{
    private static readonly DateTimeOffset WednesdayNoon = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] Formulas = ["=HYPERLINK(\"http://evil.example\",\"pay\")", "+cmd|' /C calc'!A0", "-1+1", "@SUM(A1:A9)"];

    [Fact]
    public async Task NamesThatLookLikeFormulasStayTextInEveryExport()
    {
        await using var app = new FaceAttendanceApp(now: WednesdayNoon);
        using var owner = app.CreateAdminClient();
        var site = await owner.AddSiteAsync("Berlin office", "Europe/Berlin");
        for (var i = 0; i < Formulas.Length; i++)
        {
            var person = await owner.AddPersonAsync($"E{i}", Formulas[i], site.Id);
            var added = await owner.PostAsJsonAsync("/api/attendance",
                new { personId = person.Id, kind = "in", at = DateTimeOffset.Parse("2026-03-02T08:00:00Z"), reason = Formulas[i] });
            added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        }

        foreach (var csv in new[] { "/api/attendance.csv?from=2026-03-01&to=2026-03-03", "/api/timesheets.csv?from=2026-03-02&to=2026-03-02" })
        {
            var text = await owner.GetStringAsync(csv);
            text.Should().NotMatchRegex("(^|,|\r\n)\"?[=+@-]", $"no field of {csv} starts like a formula");
            text.Should().Contain("'=HYPERLINK").And.Contain("'+cmd").And.Contain("'-1+1").And.Contain("'@SUM", "the names are kept, as text");
        }
        var xlsx = await owner.GetByteArrayAsync("/api/timesheets.xlsx?from=2026-03-02&to=2026-03-02");
        FormulaCells(xlsx).Should().BeEmpty();
        // a typed text cell is never evaluated, so the XLSX keeps the names exactly as written
        XlsxCells.Read(xlsx)["Days"].Values.Should().Contain(Formulas);
    }

    private static List<string> FormulaCells(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        return [.. zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/"))
            .SelectMany(e => XDocument.Load(e.Open()).Descendants().Where(x => x.Name.LocalName == "f").Select(f => f.Value))];
    }
}
