using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Tests.Web.Admin;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.People;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Sites;

/// <summary>A real Manager account (invited, accepted, signed in through the login page) whose scope an Owner set to one
/// site: the people and events of another site do not exist for them, in the API, the exports and the pages.</summary>
public sealed class ManagerScopeTests
{
    private const string Password = "a long enough passphrase";

    [Fact]
    public async Task AManagerOfOneSiteSeesItsPeopleAndEventsAndNotAnotherSites()
    {
        await using var app = new FaceAttendanceApp();
        var (manager, world) = await ManagerOfDepotAsync(app);

        var people = await manager.GetFromJsonAsync<Page<PersonResponse>>("/api/people", Json.Options);
        var events = await manager.GetFromJsonAsync<Page<AttendanceEventResponse>>("/api/attendance", Json.Options);
        var csv = await manager.GetStringAsync("/api/attendance.csv");
        var timesheets = await manager.GetFromJsonAsync<TimesheetDay[]>("/api/timesheets", Json.Options);
        var pages = await Task.WhenAll(new[] { "/admin/people", "/admin/attendance", "/admin/timesheets", "/admin/attendance/add" }
            .Select(manager.GetStringAsync));

        people!.Items.Select(p => p.Name).Should().Equal("Ann Depot");
        events!.Items.Select(e => e.Name).Should().BeEquivalentTo(["Ann Depot", "Bob Annex"], "Bob's check-in at the depot is the depot's");
        events.Items.Should().NotContain(e => e.Id == world.BobAtAnnex.Id);
        csv.Should().Contain("Ann Depot").And.NotContain(world.BobAtAnnex.Id.ToString());
        timesheets!.Select(t => t.Name).Should().BeEquivalentTo(["Ann Depot", "Bob Annex"]);
        pages[0].Should().Contain("Ann Depot").And.NotContain("Bob Annex");
        pages[1].Should().Contain(world.AnnAtDepot.Id.ToString()).And.NotContain(world.BobAtAnnex.Id.ToString());
        pages[2].Should().Contain("Ann Depot");
        pages[3].Should().Contain("Ann Depot").And.NotContain("Bob Annex", "the person picker offers only the manager's people");
    }

    [Fact]
    public async Task AnotherSitesPersonAndEventAnswerNotFoundToAManagerForEveryReadAndWrite()
    {
        await using var app = new FaceAttendanceApp();
        var (manager, world) = await ManagerOfDepotAsync(app);
        var bob = world.Bob.Id;

        await (await manager.GetAsync($"/api/people/{bob}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
        await (await manager.PatchAsJsonAsync($"/api/people/{bob}", new { name = "Robert" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
        await (await manager.GetAsync($"/api/people/{bob}/export")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
        await (await manager.PostAsync($"/api/people/{bob}/consent", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
        await (await manager.PostAsync($"/api/people/{bob}/faces", FaceAttendanceApp.ImageForm(Photos.AlSharpton(1), "image/jpeg")))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
        await (await manager.DeleteAsync($"/api/people/{bob}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
        await (await manager.PostAsJsonAsync("/api/attendance", new { personId = bob, kind = "in", at = app.Clock.GetUtcNow().AddHours(-1), reason = "forgot" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
        await (await manager.PostAsJsonAsync($"/api/attendance/{world.BobAtAnnex.Id}/void", new { reason = "wrong person" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "event-not-found");
        await (await manager.PostAsJsonAsync($"/api/attendance/{world.AnnAtDepot.Id}/reassign", new { personId = bob, reason = "it was Bob" }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
        await (await manager.GetAsync($"/api/attendance/{world.BobAtAnnex.Id}/snapshot")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "event-not-found");
        (await manager.GetAsync($"/admin/people/details/{bob}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await manager.GetAsync($"/admin/attendance/correct/{world.BobAtAnnex.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // the same requests for the manager's own person and event succeed, so the refusals above are the scope's
        (await manager.GetAsync($"/api/people/{world.Ann.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await manager.GetAsync($"/admin/people/details/{world.Ann.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await manager.PostAsJsonAsync($"/api/attendance/{world.AnnAtDepot.Id}/void", new { reason = "wrong person" })).StatusCode.Should().Be(HttpStatusCode.OK);
        using var owner = app.CreateAdminClient();
        (await owner.GetAsync($"/api/people/{bob}")).StatusCode.Should().Be(HttpStatusCode.OK, "an Owner sees every site");
    }

    [Fact]
    public async Task AManagerCreatesPeopleOnlyInTheirScopeAndCannotMoveOneOutOfIt()
    {
        await using var app = new FaceAttendanceApp();
        var (manager, world) = await ManagerOfDepotAsync(app);

        await (await manager.PostAsJsonAsync("/api/people", new { employeeId = "E9", name = "Cat", homeSiteId = world.Annex }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "outside-scope");
        await (await manager.PostAsJsonAsync("/api/people", new { employeeId = "E9", name = "Cat" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "outside-scope");
        await (await manager.PatchAsJsonAsync($"/api/people/{world.Ann.Id}", new { homeSiteId = world.Annex }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden, "outside-scope");
        var cat = await manager.PostAsJsonAsync("/api/people", new { employeeId = "E9", name = "Cat", homeSiteId = world.Depot });

        cat.StatusCode.Should().Be(HttpStatusCode.Created);
        (await manager.GetFromJsonAsync<PersonDetails>($"/api/people/{world.Ann.Id}", Json.Options))!.HomeSiteId.Should().Be(world.Depot);
    }

    [Fact]
    public async Task OnThePersonPageAManagerMovesTheirPersonWithinTheirScopeOnly()
    {
        await using var app = new FaceAttendanceApp();
        var (manager, world) = await ManagerOfDepotAsync(app);
        using var owner = app.CreateAdminClient();
        var drivers = await owner.AddDepartmentAsync("Drivers");
        var page = $"/admin/people/details/{world.Ann.Id}";

        var outOfScope = await PostPlaceAsync(manager, page, world.Annex, departmentId: null);
        var refusedPage = await manager.GetStringAsync(page);
        var afterRefusal = await owner.GetFromJsonAsync<PersonDetails>($"/api/people/{world.Ann.Id}", Json.Options);
        var withinScope = await PostPlaceAsync(manager, page, world.Depot, drivers.Id);

        outOfScope.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refusedPage.Should().Contain("A manager keeps people within their own sites and departments");
        afterRefusal!.HomeSiteId.Should().Be(world.Depot);
        withinScope.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await owner.GetFromJsonAsync<PersonDetails>($"/api/people/{world.Ann.Id}", Json.Options))
            .Should().BeEquivalentTo(new { HomeSiteId = world.Depot, DepartmentId = drivers.Id });
        (await PostPlaceAsync(manager, page, world.Depot, null, $"/admin/people/details/{world.Bob.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static async Task<HttpResponseMessage> PostPlaceAsync(HttpClient browser, string page, Guid? homeSiteId, Guid? departmentId, string? target = null)
    {
        var html = await browser.GetStringAsync(page);
        var antiforgery = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        return await browser.PostAsync($"{target ?? page}?handler=Place", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["homeSiteId"] = $"{homeSiteId}",
            ["departmentId"] = $"{departmentId}",
            ["__RequestVerificationToken"] = antiforgery,
        }));
    }

    [Fact]
    public async Task AManagersDepartmentsWidenTheirScopeAcrossSites()
    {
        await using var app = new FaceAttendanceApp();
        var (manager, world) = await ManagerOfDepotAsync(app);
        using var owner = app.CreateAdminClient();
        var drivers = await owner.AddDepartmentAsync("Drivers");
        await owner.PatchAsJsonAsync($"/api/people/{world.Bob.Id}", new { departmentId = drivers.Id });

        (await manager.GetAsync($"/api/people/{world.Bob.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        await SetScopeAsync(owner, world.ManagerId, [world.Depot], [drivers.Id]);

        (await manager.GetAsync($"/api/people/{world.Bob.Id}")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await manager.GetFromJsonAsync<Page<AttendanceEventResponse>>("/api/attendance", Json.Options))!.Items
            .Should().Contain(e => e.Id == world.BobAtAnnex.Id, "a person in scope brings their events from any site");
    }

    [Fact]
    public async Task OnlyAnOwnerSetsAScopeOrInvitesWithOneAndOnlyForAManagerOfKnownSitesAndDepartments()
    {
        await using var app = TestRoles.App();
        _ = app.Services.GetRequiredService<AdminCredentials>();
        using var owner = app.CreateAdminClient();
        var depot = await owner.AddSiteAsync("Depot");
        var firstOwner = (await owner.GetFromJsonAsync<AccountResponse[]>("/api/accounts", Json.Options))![0].Id;
        var account = await app.OpenAccountAsync("mia@example.com", Roles.Manager);

        await (await owner.PutAsJsonAsync($"/api/accounts/{firstOwner}/scope", new { siteIds = new[] { depot.Id } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "scope-needs-manager");
        await (await owner.PostAsJsonAsync("/api/accounts/invitations",
                new { email = "vi@example.com", displayName = "Vi", role = Roles.Viewer, siteIds = new[] { depot.Id } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "scope-needs-manager");
        await (await app.CreateClient(Roles.Admin).PutAsJsonAsync($"/api/accounts/{account}/scope", new { siteIds = new[] { depot.Id } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await owner.PutAsJsonAsync($"/api/accounts/{account}/scope", new { siteIds = new[] { Guid.NewGuid() } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown-site");
        await (await owner.PutAsJsonAsync($"/api/accounts/{account}/scope", new { departmentIds = new[] { Guid.NewGuid() } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown-department");
        await (await owner.PutAsJsonAsync($"/api/accounts/{Guid.NewGuid()}/scope", new { siteIds = new[] { depot.Id } }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "account-not-found");
        await (await owner.PostAsJsonAsync("/api/accounts/invitations",
                new { email = "mo@example.com", displayName = "Mo", role = Roles.Manager, siteIds = new[] { Guid.NewGuid() } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown-site");
        (await owner.DeleteAsync($"/api/sites/{depot.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task AManagerWithoutAScopeSeesNobody()
    {
        await using var app = TestRoles.App();
        using var owner = app.CreateAdminClient();
        await owner.AddPersonAsync("E1", "Ann", homeSiteId: null);

        var seen = await app.CreateClient(Roles.Manager).GetFromJsonAsync<Page<PersonResponse>>("/api/people", Json.Options);

        seen!.Items.Should().BeEmpty();
    }

    private sealed record World(Guid ManagerId, Guid Depot, Guid Annex, PersonResponse Ann, PersonResponse Bob,
        AttendanceEventResponse AnnAtDepot, AttendanceEventResponse BobAtAnnex);

    /// <summary>Ann works at the depot, Bob at the annex; each checked in at home, and Bob once at the depot too. The
    /// manager, invited to cover the depot, has accepted and signed in.</summary>
    private static async Task<(HttpClient Manager, World World)> ManagerOfDepotAsync(FaceAttendanceApp app)
    {
        using var owner = app.CreateAdminClient();
        var depot = await owner.AddSiteAsync("Depot");
        var annex = await owner.AddSiteAsync("Annex");
        var ann = await owner.AddPersonAsync("E1", "Ann Depot", depot.Id);
        var bob = await owner.AddPersonAsync("E2", "Bob Annex", annex.Id);
        var annAtDepot = await owner.AddCheckInAsync(app, ann.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var bobAtAnnex = await owner.AddCheckInAsync(app, bob.Id);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await owner.AddCheckInAsync(app, bob.Id, siteId: depot.Id);

        // the invitation carries the scope; PUT /api/accounts/{id}/scope changes it later
        var invitation = await (await owner.PostAsJsonAsync("/api/accounts/invitations",
            new { email = "mo@example.com", displayName = "Mo", role = Roles.Manager, siteIds = new[] { depot.Id } })).Content.ReadFromJsonAsync<JsonElement>();
        using var anonymous = app.CreateClient();
        var accepted = await anonymous.PostAsJsonAsync("/api/accounts/invitations/accept", new { token = invitation.GetProperty("token").GetString(), password = Password });
        var managerId = (await accepted.Content.ReadFromJsonAsync<AccountResponse>(Json.Options))!.Id;
        var manager = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await AccountsTests.LogInAsync(manager, "mo@example.com", Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return (manager, new World(managerId, depot.Id, annex.Id, ann, bob, annAtDepot, bobAtAnnex));
    }

    private static async Task SetScopeAsync(HttpClient owner, Guid account, Guid[] siteIds, Guid[] departmentIds)
    {
        var response = await owner.PutAsJsonAsync($"/api/accounts/{account}/scope", new { siteIds, departmentIds });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
