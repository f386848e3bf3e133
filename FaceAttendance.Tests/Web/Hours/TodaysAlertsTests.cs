using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Admin;
using FaceAttendance.Tests.Web.Sites;
using FaceAttendance.Tests.Web.Support;

namespace FaceAttendance.Tests.Web.Hours;

/// <summary>The dashboard's "Needs a look today", through the signed-in page on a real SQLite file.</summary>
public sealed class TodaysAlertsTests
{
    [Fact]
    public async Task TheDashboardListsWhoIsLateAbsentStillCheckedInOrAtTwoSitesAtOnce()
    {
        await using var app = new FaceAttendanceApp(now: new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero));
        using var owner = app.CreateAdminClient();
        var depot = await owner.AddSiteAsync("Depot");
        var annex = await owner.AddSiteAsync("Annex");
        var ada = await owner.AddPersonAsync("E1", "Ada", depot.Id);
        var bob = await owner.AddPersonAsync("E2", "Bob", depot.Id);
        var carl = await owner.AddPersonAsync("E3", "Carl", depot.Id);
        var weekdays = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(day => new { day, start = "09:00:00", end = "17:00:00" });
        foreach (var person in new[] { ada, carl })
        {
            (await owner.PutAsJsonAsync($"/api/people/{person.Id}/schedule", new { weekly = weekdays, changes = Array.Empty<object>() })).EnsureSuccessStatusCode();
        }
        foreach (var (person, kind, at, site) in new[] { (carl, "in", "10:00", depot), (bob, "in", "11:00", depot), (bob, "out", "11:05", annex) })
        {
            var added = await owner.PostAsJsonAsync("/api/attendance",
                new { personId = person.Id, kind, at = DateTimeOffset.Parse($"2026-03-04T{at}:00Z"), reason = "paper sheet", siteId = site.Id });
            added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        }
        using var browser = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);

        var dashboard = WebUtility.HtmlDecode(await browser.GetStringAsync("/admin"));

        dashboard.Should().Contain("<li>Late: Carl (E3), in at 10:00 for 09:00–17:00</li>")
            .And.Contain("<li>Absent: Ada (E1), shift 09:00–17:00</li>")
            .And.Contain("<li>No check-out: Carl (E3), first in at 10:00</li>")
            .And.Contain("<li>Two sites: Bob (E2) at Depot 11:00 and Annex 11:05</li>")
            .And.NotContain("Late: Bob").And.NotContain("Absent: Bob");
    }

    [Fact]
    public async Task AQuietDayHasNothingToLookAt()
    {
        await using var app = new FaceAttendanceApp();
        using var browser = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);

        (await browser.GetStringAsync("/admin")).Should().Contain("Nobody is late, absent or left checked in, and nobody punched at two sites at once.");
    }
}
