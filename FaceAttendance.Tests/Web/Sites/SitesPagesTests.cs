using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FaceAttendance.Tests.Web.Admin;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;

namespace FaceAttendance.Tests.Web.Sites;

/// <summary>/admin/sites through a signed-in Owner's browser: each form, what it refuses and the audit entries it leaves.</summary>
public sealed class SitesPagesTests
{
    private const string Path = "/admin/sites";

    [Fact]
    public async Task TheOwnerAddsChangesAndDeletesASiteAndIsToldWhyAnInUseOneStays()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);

        await Post(owner, "?handler=AddSite", new() { ["NewSite.Name"] = "Depot", ["NewSite.TimeZone"] = "Europe/London" }, HttpStatusCode.Redirect);
        (await Post(owner, "?handler=AddSite", new() { ["NewSite.Name"] = " Depot ", ["NewSite.TimeZone"] = "UTC" }))
            .Should().Contain("There is a site called 'Depot' already.");
        (await Post(owner, "?handler=AddSite", new() { ["NewSite.Name"] = "Mars", ["NewSite.TimeZone"] = "Mars/Olympus_Mons" }))
            .Should().Contain("is not a time zone this server knows").And.Contain("value=\"Mars\"", "a refused form keeps what was typed");
        (await Post(owner, "?handler=AddSite", new() { ["NewSite.Name"] = " ", ["NewSite.TimeZone"] = "UTC" })).Should().Contain("class=\"form-errors");
        var depot = SiteId(await owner.GetStringAsync(Path), "Depot");

        await Post(owner, $"?handler=UpdateSite&id={depot}", new() { ["Site.Name"] = "North depot", ["Site.TimeZone"] = "Asia/Tokyo" }, HttpStatusCode.Redirect);
        var page = await owner.GetStringAsync(Path);
        page.Should().Contain("Saved the site North depot (Asia/Tokyo)").And.Contain("<td>Asia/Tokyo</td>");
        using var api = app.CreateAdminClient();
        await api.AddPersonAsync("E1", "Ann", depot);
        (await Post(owner, $"?handler=DeleteSite&id={depot}", []))
            .Should().Contain("North depot is the home site of people").And.Contain("<summary>Change North depot</summary>");
        await Post(owner, $"?handler=UpdateSite&id={Guid.NewGuid()}", new() { ["Site.Name"] = "Nowhere", ["Site.TimeZone"] = "UTC" }, HttpStatusCode.NotFound);

        await Post(owner, "?handler=AddSite", new() { ["NewSite.Name"] = "Annex", ["NewSite.TimeZone"] = "UTC" }, HttpStatusCode.Redirect);
        var annex = SiteId(await owner.GetStringAsync(Path), "Annex");
        await Post(owner, $"?handler=DeleteSite&id={annex}", [], HttpStatusCode.Redirect);
        (await owner.GetStringAsync(Path)).Should().Contain("The site was deleted.").And.Contain("Change North depot").And.NotContain("Change Annex");

        var audit = await app.AuditAsync();
        audit.Where(e => e.Action.StartsWith("site.", StringComparison.Ordinal)).Select(e => (e.Action, e.Detail, e.Actor)).Should().BeEquivalentTo(new[]
        {
            ("site.created", "Depot (Europe/London)", "admin"),
            ("site.renamed", "name Depot → North depot, time zone Europe/London → Asia/Tokyo", "admin"),
            ("site.created", "Annex (UTC)", "admin"),
            ("site.deleted", "Annex", "admin"),
        });
    }

    [Fact]
    public async Task TheOwnerChoosesWhatASitesKiosksRecordAndTheChangeIsAudited()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);
        await Post(owner, "?handler=AddSite", new() { ["NewSite.Name"] = "Depot", ["NewSite.TimeZone"] = "UTC" }, HttpStatusCode.Redirect);
        var depot = SiteId(await owner.GetStringAsync(Path), "Depot");
        (await owner.GetStringAsync(Path)).Should().Contain("In and out in turn, 30 min gap", "a new site is automatic with the default gap");

        await Post(owner, $"?handler=UpdateSite&id={depot}",
            new() { ["Site.Name"] = "Depot", ["Site.TimeZone"] = "UTC", ["Site.PunchMode"] = "Buttons", ["Site.MinimumGapMinutes"] = "10" }, HttpStatusCode.Redirect);
        (await Post(owner, $"?handler=UpdateSite&id={depot}",
                new() { ["Site.Name"] = "Depot", ["Site.TimeZone"] = "UTC", ["Site.MinimumGapMinutes"] = "800" }))
            .Should().Contain("The minimum gap is between 0 and 720 minutes (12 hours).");

        (await owner.GetStringAsync(Path)).Should().Contain("<td>In, Out, Break start, Break end</td>").And.Contain("value=\"10\"");
        (await app.AuditAsync()).Should().ContainSingle(e => e.Action == "site.punching-changed")
            .Which.Detail.Should().Be("punch mode Automatic → Buttons, minimum gap 00:30:00 → 00:10:00");
    }

    [Fact]
    public async Task TheOwnerAddsRenamesAndDeletesADepartment()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);

        await Post(owner, "?handler=AddDepartment", new() { ["NewDepartment.Name"] = "Drivers" }, HttpStatusCode.Redirect);
        (await Post(owner, "?handler=AddDepartment", new() { ["NewDepartment.Name"] = "Drivers" })).Should().Contain("There is a department called 'Drivers' already.");
        var drivers = SiteId(await owner.GetStringAsync(Path), "Drivers");
        await Post(owner, $"?handler=RenameDepartment&id={drivers}", new() { ["Department.Name"] = "Riders" }, HttpStatusCode.Redirect);
        using var api = app.CreateAdminClient();
        var ann = await api.AddPersonAsync("E1", "Ann", null, drivers);
        (await Post(owner, $"?handler=DeleteDepartment&id={drivers}", [])).Should().Contain("Riders is the department of people");
        (await api.DeleteAsync($"/api/people/{ann.Id}")).EnsureSuccessStatusCode();
        await Post(owner, $"?handler=DeleteDepartment&id={drivers}", [], HttpStatusCode.Redirect);
        (await owner.GetStringAsync(Path)).Should().Contain("No department yet.");

        (await app.AuditAsync()).Where(e => e.Action.StartsWith("department.", StringComparison.Ordinal)).Select(e => (e.Action, e.Detail))
            .Should().BeEquivalentTo(new[] { ("department.created", "Drivers"), ("department.renamed", "name Drivers → Riders"), ("department.deleted", "Riders") });
    }

    [Fact]
    public async Task TheOwnerSetsAManagersSitesOnItsPageInvitesAManagerWithASiteAndTheListSaysWhatEachCovers()
    {
        await using var app = new FaceAttendanceApp();
        using var api = app.CreateAdminClient();
        var depot = await api.AddSiteAsync("Depot");
        var harbour = await api.AddSiteAsync("Harbour");
        var drivers = await api.AddDepartmentAsync("Drivers");
        var ivy = await app.OpenAccountAsync("ivy@example.com", Roles.Manager);
        using var owner = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);
        var ivyPage = $"/admin/accounts/details/{ivy}";

        (await owner.GetStringAsync(ivyPage)).Should().Contain("Now: no site or department.");
        await AccountPagesTests.PostAsync(owner, ivyPage, "?handler=Scope",
            new() { ["siteIds"] = depot.Id.ToString(), ["departmentIds"] = drivers.Id.ToString() }, HttpStatusCode.Redirect);
        var shown = await owner.GetStringAsync(ivyPage);
        shown.Should().Contain("Now: sites Depot; departments Drivers.")
            .And.MatchRegex($"value=\"{depot.Id}\" checked=\"checked\"").And.NotMatchRegex($"value=\"{harbour.Id}\" checked");
        (await AccountPagesTests.PostAsync(owner, ivyPage, "?handler=Scope", new() { ["siteIds"] = Guid.Empty.ToString() }))
            .Should().Contain($"There is no site with id {Guid.Empty}.");

        var invited = await AccountPagesTests.PostAsync(owner, "/admin/accounts", "?handler=Invite", new()
        {
            ["Input.Email"] = "max@example.com", ["Input.DisplayName"] = "Max", ["Input.Role"] = Roles.Manager, ["siteIds"] = harbour.Id.ToString(),
        });
        var token = Regex.Match(invited, "/admin/invitation\\?token=([A-Za-z0-9_-]+)").Groups[1].Value;
        using var anonymous = app.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/accounts/invitations/accept", new { token, password = AccountSteps.Password })).EnsureSuccessStatusCode();

        var list = await owner.GetStringAsync("/admin/accounts");
        Regex.Match(list, "<tr>(?:(?!</tr>).)*ivy@example.com.*?</tr>", RegexOptions.Singleline).Value.Should().Contain("<td>sites Depot; departments Drivers</td>");
        Regex.Match(list, "<tr>(?:(?!</tr>).)*max@example.com.*?</tr>", RegexOptions.Singleline).Value.Should().Contain("<td>sites Harbour</td>");
        (await app.AuditAsync("account.scope-changed")).Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Actor = "admin", Subject = ivy.ToString(), Detail = "ivy@example.com: sites Depot; departments Drivers",
        });
    }

    [Theory]
    [InlineData(Roles.Manager)]
    [InlineData(Roles.Viewer)]
    [InlineData(Roles.Payroll)]
    public async Task OnlyOwnersAndAdminsOpenTheSitesPage(string role)
    {
        await using var app = TestRoles.App();
        using var admin = app.CreateClient(Roles.Admin);
        using var refused = app.CreateClient(role);

        (await admin.GetAsync(Path)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await refused.GetAsync(Path)).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.PostAsync(Path + "?handler=AddSite", new FormUrlEncodedContent(new Dictionary<string, string> { ["NewSite.Name"] = "Depot" })))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await admin.GetStringAsync("/api/sites")).Should().Be("[]");
    }

    private static Task<string> Post(HttpClient owner, string query, Dictionary<string, string> fields, HttpStatusCode expected = HttpStatusCode.OK) =>
        AccountPagesTests.PostAsync(owner, Path, query, fields, expected);

    /// <summary>The id in the change form of the row named <paramref name="name"/> (a site's or a department's).</summary>
    private static Guid SiteId(string page, string name) =>
        Guid.Parse(Regex.Match(page, $"<summary>Change {Regex.Escape(name)}</summary>\\s*<form[^>]*id=([0-9a-fA-F-]{{36}})").Groups[1].Value);
}
