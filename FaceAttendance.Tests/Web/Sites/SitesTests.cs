using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Kiosks;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Sites;

namespace FaceAttendance.Tests.Web.Sites;

/// <summary>Sites and departments through the API on a real SQLite file: who may edit them, what is refused, kiosks and
/// events that carry their site, and the lists, exports and pages filtered by site and department.</summary>
public sealed class SitesTests
{
    [Fact]
    public async Task EveryoneListsSitesAndDepartmentsButOnlyOwnersAndAdminsEditThem()
    {
        await using var app = TestRoles.App();
        using var admin = app.CreateClient(Roles.Admin);
        var depot = await admin.AddSiteAsync("Depot", "Europe/London");
        var drivers = await admin.AddDepartmentAsync("Drivers");
        using var viewer = app.CreateClient(Roles.Viewer);
        using var manager = app.CreateClient(Roles.Manager);

        (await viewer.GetFromJsonAsync<SiteResponse[]>("/api/sites", Json.Options)).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { depot.Id, Name = "Depot", TimeZone = "Europe/London" });
        using var payroll = app.CreateClient(Roles.Payroll);
        (await payroll.GetFromJsonAsync<DepartmentResponse[]>("/api/departments", Json.Options))
            .Should().ContainSingle().Which.Name.Should().Be("Drivers");
        await (await manager.PostAsJsonAsync("/api/sites", new { name = "Annex" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await viewer.PutAsJsonAsync($"/api/departments/{drivers.Id}", new { name = "Riders" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.DeleteAsync($"/api/sites/{depot.Id}")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ASiteOrDepartmentNeedsAUniqueNameAndASiteAKnownTimeZone()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();
        var depot = await owner.AddSiteAsync("Depot");
        var drivers = await owner.AddDepartmentAsync("Drivers");

        await (await owner.PostAsJsonAsync("/api/sites", new { name = " Depot " })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "site-name-taken");
        await (await owner.PostAsJsonAsync("/api/sites", new { name = "Mars", timeZone = "Mars/Olympus_Mons" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown-time-zone");
        await (await owner.PostAsJsonAsync("/api/sites", new { name = " " })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.PostAsJsonAsync("/api/departments", new { name = "Drivers" })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "department-name-taken");
        await (await owner.PutAsJsonAsync($"/api/sites/{Guid.NewGuid()}", new { name = "Nowhere" })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "site-not-found");
        await (await owner.DeleteAsync($"/api/departments/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "department-not-found");

        var renamed = await owner.PutAsJsonAsync($"/api/sites/{depot.Id}", new { name = "North depot", timeZone = "Asia/Tokyo" });
        (await renamed.Content.ReadFromJsonAsync<SiteResponse>(Json.Options)).Should().BeEquivalentTo(new { Name = "North depot", TimeZone = "Asia/Tokyo" });
        (await owner.PutAsJsonAsync($"/api/departments/{drivers.Id}", new { name = "Riders" })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await owner.GetFromJsonAsync<DepartmentResponse[]>("/api/departments", Json.Options))!.Select(d => d.Name).Should().Equal("Riders");
    }

    [Fact]
    public async Task OnlyASiteOrDepartmentNothingNamesCanBeDeleted()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();
        var depot = await owner.AddSiteAsync("Depot");
        var annex = await owner.AddSiteAsync("Annex");
        var drivers = await owner.AddDepartmentAsync("Drivers");
        var cooks = await owner.AddDepartmentAsync("Cooks");
        await owner.AddPersonAsync("E1", "Ann", depot.Id, drivers.Id);

        await (await owner.DeleteAsync($"/api/sites/{depot.Id}")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "site-in-use");
        await (await owner.DeleteAsync($"/api/departments/{drivers.Id}")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "department-in-use");
        (await owner.DeleteAsync($"/api/sites/{annex.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await owner.DeleteAsync($"/api/departments/{cooks.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await owner.GetFromJsonAsync<SiteResponse[]>("/api/sites", Json.Options))!.Select(s => s.Name).Should().Equal("Depot");
    }

    [Fact]
    public async Task APersonsHomeSiteAndDepartmentMustExist()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();
        var depot = await owner.AddSiteAsync("Depot");
        var annex = await owner.AddSiteAsync("Annex");
        var drivers = await owner.AddDepartmentAsync("Drivers");

        await (await owner.PostAsJsonAsync("/api/people", new { employeeId = "E1", name = "Ann", homeSiteId = Guid.NewGuid() }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown-site");
        await (await owner.PostAsJsonAsync("/api/people", new { employeeId = "E1", name = "Ann", departmentId = Guid.NewGuid() }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown-department");
        var ann = await owner.AddPersonAsync("E1", "Ann", depot.Id, drivers.Id);
        await (await owner.PatchAsJsonAsync($"/api/people/{ann.Id}", new { departmentId = Guid.NewGuid() }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown-department");
        var moved = await owner.PatchAsJsonAsync($"/api/people/{ann.Id}", new { homeSiteId = annex.Id });

        (await moved.Content.ReadFromJsonAsync<PersonResponse>(Json.Options)).Should().BeEquivalentTo(new { HomeSiteId = annex.Id, DepartmentId = drivers.Id });
        (await owner.GetFromJsonAsync<PersonDetails>($"/api/people/{ann.Id}", Json.Options)).Should().BeEquivalentTo(new { HomeSiteId = annex.Id });
    }

    [Fact]
    public async Task AKioskBelongsToASiteAndTheEventsOfItsScansCarryIt()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();
        var depot = await owner.AddSiteAsync("Depot", "Asia/Tokyo");
        await (await owner.PostAsJsonAsync("/api/kiosks", new { name = "Gate", siteId = Guid.NewGuid() })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown-site");
        await (await owner.PostAsJsonAsync("/api/kiosks", new { name = "Gate" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "site-missing");
        var added = await owner.PostAsJsonAsync("/api/kiosks", new { name = "Gate", siteId = depot.Id });
        var gate = (await added.Content.ReadFromJsonAsync<AddedKiosk>(Json.Options))!.Kiosk;
        var token = (await (await owner.PostAsJsonAsync($"/api/kiosks/{gate.Id}/token", new { })).Content.ReadFromJsonAsync<KioskToken>(Json.Options))!.Token;
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));

        using var kiosk = app.CreateClient();
        kiosk.DefaultRequestHeaders.Authorization = new("Bearer", token);
        var upload = await FaceAttendanceApp.PresignAsync(kiosk);
        (await FaceAttendanceApp.UploadAsync(kiosk, upload, Photos.AlSharpton(2))).EnsureSuccessStatusCode();
        (await kiosk.PostAsJsonAsync("/attendance", new { key = upload.Key })).StatusCode.Should().Be(HttpStatusCode.OK);
        await owner.PutAsJsonAsync($"/api/sites/{depot.Id}", new { name = "North depot" });

        gate.Should().BeEquivalentTo(new { SiteId = depot.Id, SiteName = "Depot", TimeZone = "Asia/Tokyo" }, "a kiosk takes its site's time zone");
        (await owner.GetFromJsonAsync<KioskResponse[]>("/api/kiosks", Json.Options)).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { SiteId = depot.Id, SiteName = "North depot", Site = "North depot" }, "a renamed site renames its kiosks' site");
        (await app.EventsAsync()).Should().ContainSingle().Which.Should().BeEquivalentTo(new { SiteId = depot.Id, SiteName = "North depot", KioskName = "Gate" });
    }

    [Fact]
    public async Task AKioskNamedByItsSitesNameJoinsThatSiteOrAddsIt()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();
        var depot = await owner.AddSiteAsync("Depot");

        var atDepot = (await PairedKioskClient.AddAsync(owner, "Gate", site: "Depot")).Kiosk;
        var atAnnex = (await PairedKioskClient.AddAsync(owner, "Door", site: "Annex")).Kiosk;

        atDepot.SiteId.Should().Be(depot.Id);
        var sites = await owner.GetFromJsonAsync<SiteResponse[]>("/api/sites", Json.Options);
        sites!.Select(s => s.Name).Should().Equal("Annex", "Depot");
        atAnnex.SiteId.Should().Be(sites![0].Id);
    }

    [Fact]
    public async Task PeopleEventsTheCsvTimesheetsAndPagesFilterBySiteAndDepartment()
    {
        await using var app = TestRoles.App();
        using var owner = app.CreateClient(Roles.Owner);
        var depot = await owner.AddSiteAsync("Depot");
        var annex = await owner.AddSiteAsync("Annex");
        var drivers = await owner.AddDepartmentAsync("Drivers");
        var ann = await owner.AddPersonAsync("E1", "Ann Depot", depot.Id, drivers.Id);
        var bob = await owner.AddPersonAsync("E2", "Bob Annex", annex.Id);
        await owner.AddCheckInAsync(app, ann.Id);
        await owner.AddCheckInAsync(app, bob.Id);

        var atDepot = await owner.GetFromJsonAsync<Page<PersonResponse>>($"/api/people?siteId={depot.Id}", Json.Options);
        var ofDrivers = await owner.GetFromJsonAsync<Page<PersonResponse>>($"/api/people?departmentId={drivers.Id}", Json.Options);
        var eventsAtAnnex = await owner.GetFromJsonAsync<Page<AttendanceEventResponse>>($"/api/attendance?siteId={annex.Id}", Json.Options);
        var eventsOfDrivers = await owner.GetFromJsonAsync<Page<AttendanceEventResponse>>($"/api/attendance?departmentId={drivers.Id}", Json.Options);
        var csv = await owner.GetStringAsync($"/api/attendance.csv?siteId={depot.Id}");
        var timesheets = await owner.GetFromJsonAsync<TimesheetDay[]>($"/api/timesheets?departmentId={drivers.Id}", Json.Options);
        var peoplePage = await owner.GetStringAsync($"/admin/people?siteId={annex.Id}");
        var logPage = await owner.GetStringAsync($"/admin/attendance?siteId={depot.Id}");
        var timesheetsPage = await owner.GetStringAsync($"/admin/timesheets?departmentId={drivers.Id}");

        atDepot!.Items.Should().ContainSingle().Which.Name.Should().Be("Ann Depot");
        ofDrivers!.Items.Should().ContainSingle().Which.Name.Should().Be("Ann Depot");
        eventsAtAnnex!.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new { Name = "Bob Annex", SiteId = annex.Id, SiteName = "Annex" },
            "an event added by hand is at the person's home site");
        eventsOfDrivers!.Items.Should().ContainSingle().Which.Name.Should().Be("Ann Depot");
        csv.Should().Contain("Ann Depot").And.NotContain("Bob Annex").And.Contain(",Depot\r\n");
        timesheets.Should().ContainSingle().Which.Name.Should().Be("Ann Depot");
        SiteClients.Table(peoplePage).Should().Contain("Bob Annex").And.NotContain("Ann Depot");
        SiteClients.Table(logPage).Should().Contain("Ann Depot").And.NotContain("Bob Annex");
        SiteClients.Table(timesheetsPage).Should().Contain("Ann Depot").And.NotContain("Bob Annex");
        peoplePage.Should().Contain($"<option selected=\"selected\" value=\"{annex.Id}\">Annex</option>", "the page shows the filter it applies");
    }
}
