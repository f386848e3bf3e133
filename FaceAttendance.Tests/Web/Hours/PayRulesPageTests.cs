using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Admin;
using FaceAttendance.Tests.Web.Sites;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Hours;
using FaceAttendance.Web.Http;

namespace FaceAttendance.Tests.Web.Hours;

/// <summary>The pay rules page, posted as a browser would, read back through the API and the audit log.</summary>
public sealed class PayRulesPageTests
{
    private static Dictionary<string, string> Form(string roundTo = "15", string dailyOvertime = "480") => new()
    {
        ["Rules.RoundToMinutes"] = roundTo, ["Rules.Rounding"] = "Nearest", ["Rules.Breaks"] = "Deducted",
        ["Rules.DeductBreakAfterMinutes"] = "360", ["Rules.DeductedBreakMinutes"] = "30",
        ["Rules.DailyOvertimeAfterMinutes"] = dailyOvertime, ["Rules.WeeklyOvertimeAfterMinutes"] = "", ["Rules.AutoCloseAfterMinutes"] = "720",
    };

    [Fact]
    public async Task ThePageSetsASitesRulesAsTheApiDoesAndRefusesABadOneSavingNothing()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();
        var lisbon = await owner.AddSiteAsync("Lisbon", "Europe/Lisbon");
        using var browser = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);
        var path = $"/admin/payrules?siteId={lisbon.Id}";

        var refused = await AccountPagesTests.PostAsync(browser, path, "", Form(roundTo: "7"));
        var tooLong = await AccountPagesTests.PostAsync(browser, path, "", Form(dailyOvertime: "2000"));
        (await owner.GetFromJsonAsync<PayRulesResponse[]>("/api/pay-rules", Json.Options)).Should().BeEmpty("a refused form saves nothing");
        await AccountPagesTests.PostAsync(browser, path, "", Form(), HttpStatusCode.Redirect);

        refused.Should().Contain("roundToMinutes must be 0 (no rounding), 5, 10 or 15.");
        tooLong.Should().Contain("DailyOvertimeAfterMinutes must be between 1 and 1440");
        (await owner.GetFromJsonAsync<PayRulesResponse[]>("/api/pay-rules", Json.Options)).Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            SiteId = (Guid?)lisbon.Id, DepartmentId = (Guid?)null, RoundToMinutes = 15, Rounding = RoundingMode.Nearest, Breaks = BreakMode.Deducted,
            DeductBreakAfterMinutes = 360, DeductedBreakMinutes = 30, DailyOvertimeAfterMinutes = (int?)480, WeeklyOvertimeAfterMinutes = (int?)null,
            AutoCloseAfterMinutes = 720,
        });
        (await app.AuditAsync("pay-rules.set")).Should().ContainSingle().Which.Subject.Should().Be($"site/{lisbon.Id}");
        var page = await browser.GetStringAsync(path);
        page.Should().Contain("Pay rules of Site Lisbon saved.")
            .And.Contain("Site Lisbon&#x27;s own rules: rounded to 15 min to the nearest, at least 30 min break after 6 h, overtime after 8 h a day")
            .And.Contain("name=\"Rules.Rounding\" value=\"Nearest\" checked=\"checked\"");
    }

    [Fact]
    public async Task RemovingASitesRulesLeavesItFollowingTheOrganisationsAndIsAudited()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();
        var lisbon = await owner.AddSiteAsync("Lisbon", "Europe/Lisbon");
        using var browser = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);
        var path = $"/admin/payrules?siteId={lisbon.Id}";
        await AccountPagesTests.PostAsync(browser, path, "", Form(), HttpStatusCode.Redirect);

        await AccountPagesTests.PostAsync(browser, path, "&handler=Remove", [], HttpStatusCode.Redirect);

        (await owner.GetFromJsonAsync<PayRulesResponse[]>("/api/pay-rules", Json.Options)).Should().BeEmpty();
        (await app.AuditAsync("pay-rules.removed")).Should().ContainSingle();
        (await browser.GetStringAsync(path)).Should().Contain("Pay rules of Site Lisbon removed").And.Contain("Follows the organisation&#x27;s.");
    }

    [Fact]
    public async Task AManagerCannotOpenThePayRulesNorSeeTheirLinkOnTimesheets()
    {
        await using var app = TestRoles.App();
        using var manager = app.CreateClient(Roles.Manager);
        using var admin = app.CreateClient(Roles.Admin);

        (await (await manager.GetAsync("/admin/payrules")).Content.ReadAsStringAsync()).Should().NotContain("Save rules");
        (await manager.GetStringAsync("/admin/timesheets")).Should().NotContain("/admin/payrules");
        (await admin.GetStringAsync("/admin/timesheets")).Should().Contain("href=\"/admin/payrules\"");
        (await admin.GetStringAsync("/admin/payrules")).Should().Contain("Save rules");
    }
}
