using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Tests.Web.Admin;
using FaceAttendance.Tests.Web.Sites;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Approvals;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.People;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FaceAttendance.Tests.Web.Approvals;

/// <summary>A real Manager account of one site approves their people's week, which locks it: their corrections inside it
/// are refused, an Owner's go through and mark the approval changed after approval; reopening is audited.</summary>
public sealed class ApprovalsTests
{
    /// <summary>A Wednesday: its week is Monday 7 Dec to Sunday 13 Dec.</summary>
    private static readonly DateTimeOffset Wednesday = new(2026, 12, 9, 12, 0, 0, TimeSpan.Zero);
    private const string Locked = "Week of 7 Dec is approved and locked; an Owner or Admin can correct it.";

    [Fact]
    public async Task AnApprovedWeekRefusesAManagersCorrectionAndMarksAnOwnersWhichIsAudited()
    {
        await using var app = new FaceAttendanceApp(now: Wednesday);
        var (manager, ann, _) = await ManagerOfDepotAsync(app);
        using var owner = app.CreateAdminClient();
        var checkIn = await owner.AddCheckInAsync(app, ann.Id);

        var approved = await manager.PostAsJsonAsync("/api/approvals", new { day = "2026-12-09", personId = ann.Id });
        var again = await manager.PostAsJsonAsync("/api/approvals", new { day = "2026-12-13", personId = ann.Id });
        var void1 = await manager.PostAsJsonAsync($"/api/attendance/{checkIn.Id}/void", new { reason = "not Ann" });
        var add = await manager.PostAsJsonAsync("/api/attendance", new { personId = ann.Id, kind = "out", at = Wednesday.AddMinutes(-30), reason = "left early" });
        var managerReopens = await manager.PostAsJsonAsync("/api/approvals/reopen", new { day = "2026-12-09", personId = ann.Id, reason = "mistake" });
        var ownerVoids = await owner.PostAsJsonAsync($"/api/attendance/{checkIn.Id}/void", new { reason = "not Ann" });

        approved.StatusCode.Should().Be(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        var period = (await approved.Content.ReadFromJsonAsync<PeriodApprovalsResponse>(Json.Options))!;
        (period.Start, period.End, period.Label).Should().Be((new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 13), "Week of 7 Dec"));
        period.People.Should().ContainSingle().Which.Should().Match<PersonApproval>(p => p.State == ApprovalState.Approved && p.ApprovedBy == "mo@example.com");
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "already-approved");
        (await void1.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "period-locked")).GetProperty("detail").GetString().Should().Be(Locked);
        (await add.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "period-locked")).GetProperty("detail").GetString().Should().Be(Locked);
        await managerReopens.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        ownerVoids.StatusCode.Should().Be(HttpStatusCode.OK, await ownerVoids.Content.ReadAsStringAsync());
        var afterOwner = await ApprovalOfAsync(owner, ann.Id);
        afterOwner.State.Should().Be(ApprovalState.ChangedAfterApproval);
        afterOwner.Change.Should().Be($"event {checkIn.Id} corrected by configured api key");
        (await app.AuditAsync("approval.changed-after-approval")).Should().ContainSingle().Which.Detail.Should().Be($"Week of 7 Dec: {afterOwner.Change}");
        (await app.AuditAsync("approval.approved")).Should().ContainSingle().Which.Actor.Should().Be("mo@example.com");

        await (await owner.PostAsJsonAsync("/api/approvals/reopen", new { day = "2026-12-09", personId = ann.Id, reason = " " }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "reason-missing");
        var reopened = await owner.PostAsJsonAsync("/api/approvals/reopen", new { day = "2026-12-09", personId = ann.Id, reason = "Ann's overtime was missed" });
        reopened.StatusCode.Should().Be(HttpStatusCode.OK, await reopened.Content.ReadAsStringAsync());
        (await ApprovalOfAsync(owner, ann.Id)).State.Should().Be(ApprovalState.Open);
        (await app.AuditAsync("approval.reopened")).Should().ContainSingle().Which.Detail.Should().EndWith("by mo@example.com: Ann's overtime was missed");
        (await manager.PostAsJsonAsync("/api/attendance", new { personId = ann.Id, kind = "out", at = Wednesday.AddMinutes(-30), reason = "left early" }))
            .StatusCode.Should().Be(HttpStatusCode.Created, "a reopened week is the manager's to correct again");
        await (await owner.PostAsJsonAsync("/api/approvals/reopen", new { day = "2026-12-09", personId = ann.Id, reason = "twice" }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "not-approved");
    }

    [Fact]
    public async Task ApprovingEveryoneApprovesOnlyThePeopleTheAccountCoversAndNeverAPeriodNotStarted()
    {
        await using var app = new FaceAttendanceApp(now: Wednesday);
        var (manager, ann, bob) = await ManagerOfDepotAsync(app);
        using var owner = app.CreateAdminClient();

        var byManager = await manager.PostAsJsonAsync("/api/approvals", new { day = "2026-12-09" });
        var outsideScope = await manager.PostAsJsonAsync("/api/approvals", new { day = "2026-12-09", personId = bob.Id });
        var afterManager = (await owner.GetFromJsonAsync<PeriodApprovalsResponse>("/api/approvals?day=2026-12-09", Json.Options))!;
        var byOwner = await owner.PostAsJsonAsync("/api/approvals", new { });
        var nextWeek = await owner.PostAsJsonAsync("/api/approvals", new { day = "2026-12-14" });

        byManager.StatusCode.Should().Be(HttpStatusCode.OK, await byManager.Content.ReadAsStringAsync());
        await outsideScope.ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
        afterManager.People.Select(p => (p.Name, p.State)).Should().Equal(("Ann Depot", ApprovalState.Approved), ("Bob Annex", ApprovalState.Open));
        byOwner.StatusCode.Should().Be(HttpStatusCode.OK, "the current period, and only who is still open");
        var afterOwner = (await byOwner.Content.ReadFromJsonAsync<PeriodApprovalsResponse>(Json.Options))!;
        afterOwner.People.Select(p => (p.Name, p.State, p.ApprovedBy)).Should().Equal(
            ("Ann Depot", ApprovalState.Approved, "mo@example.com"), ("Bob Annex", ApprovalState.Approved, "configured api key"));
        await nextWeek.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "period-not-started");
        (await app.AuditAsync("approval.approved")).Should().HaveCount(2);
    }

    [Fact]
    public async Task AScanInALockedWeekIsRecordedAndMarksTheApprovalForReview()
    {
        await using var app = new FaceAttendanceApp(now: Wednesday);
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var owner = app.CreateAdminClient();
        (await owner.PostAsJsonAsync("/api/approvals", new { personId = al.Id })).StatusCode.Should().Be(HttpStatusCode.OK);

        var answer = await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(2));

        answer.Status.Should().Be(AttendanceStatus.CheckedIn, "a punch is never lost, approved week or not");
        var approval = await ApprovalOfAsync(owner, al.Id);
        approval.State.Should().Be(ApprovalState.ChangedAfterApproval);
        approval.Change.Should().Be($"scan {(await app.StoredEventsAsync()).Single().Id} recorded at a kiosk");
    }

    [Fact]
    public async Task OnlyAnOwnerOrAdminSetsThePayPeriodWhichNamesTheNextApprovals()
    {
        await using var app = TestRoles.App();
        using var owner = app.CreateAdminClient();
        using var manager = app.CreateClient(Roles.Manager);
        using var viewer = app.CreateClient(Roles.Viewer);

        var byDefault = (await viewer.GetFromJsonAsync<PayPeriodResponse>("/api/pay-period", Json.Options))!;
        var byManager = await manager.PutAsJsonAsync("/api/pay-period", new { kind = "Monthly", anchor = "2026-12-01" });
        var unknown = await owner.PutAsJsonAsync("/api/pay-period", new { kind = "Fortnightly", anchor = "2026-11-30" });
        var set = await owner.PutAsJsonAsync("/api/pay-period", new { kind = "Biweekly", anchor = "2026-11-30" });

        (byDefault.Kind, byDefault.CurrentStart.DayOfWeek, byDefault.CurrentEnd.DayNumber - byDefault.CurrentStart.DayNumber)
            .Should().Be((PayPeriodKind.Weekly, DayOfWeek.Monday, 6), "an organisation that set nothing pays weekly from Monday");
        await byManager.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        set.StatusCode.Should().Be(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        var biweekly = (await set.Content.ReadFromJsonAsync<PayPeriodResponse>(Json.Options))!;
        (biweekly.Kind, biweekly.Anchor, (biweekly.CurrentStart.DayNumber - biweekly.Anchor.DayNumber) % 14, biweekly.CurrentEnd.DayNumber - biweekly.CurrentStart.DayNumber)
            .Should().Be((PayPeriodKind.Biweekly, new DateOnly(2026, 11, 30), 0, 13));
        (await viewer.GetFromJsonAsync<PeriodApprovalsResponse>("/api/approvals", Json.Options))!.Label
            .Should().Be(string.Create(CultureInfo.InvariantCulture, $"Period {biweekly.CurrentStart:d MMM}–{biweekly.CurrentEnd:d MMM}"));
        (await app.AuditAsync("pay-period.changed")).Should().ContainSingle().Which.Detail.Should().Be("Biweekly from 2026-11-30");
    }

    [Fact]
    public async Task OnTheApprovalsPageAManagerApprovesTheirPersonsWeekAndCannotReopenIt()
    {
        await using var app = new FaceAttendanceApp(now: Wednesday);
        var (manager, ann, _) = await ManagerOfDepotAsync(app);

        var before = await manager.GetStringAsync("/admin/timesheets/approvals?day=2026-12-09");
        await AccountPagesTests.PostAsync(manager, "/admin/timesheets/approvals", "?day=2026-12-09&handler=Approve",
            new() { ["personId"] = ann.Id.ToString() }, HttpStatusCode.Redirect);
        var after = System.Net.WebUtility.HtmlDecode(await manager.GetStringAsync("/admin/timesheets/approvals?day=2026-12-09"));
        // the page's Forbid sends a browser to /admin/denied
        await AccountPagesTests.PostAsync(manager, "/admin/timesheets/approvals", "?day=2026-12-09&handler=Reopen",
            new() { ["personId"] = ann.Id.ToString(), ["reason"] = "my mistake" }, HttpStatusCode.Redirect);

        SiteClients.Table(before).Should().Contain("Ann Depot").And.Contain("Approve Ann Depot").And.NotContain("Bob Annex");
        SiteClients.Table(after).Should().Contain("Approved, locked").And.Contain("by mo@example.com").And.NotContain("Reopen");
        after.Should().Contain("Approvals: Week of 7 Dec");
        (await ApprovalOfAsync(app.CreateAdminClient(), ann.Id)).State.Should().Be(ApprovalState.Approved, "the manager could not reopen it");
    }

    private static async Task<PersonApproval> ApprovalOfAsync(HttpClient client, Guid personId) =>
        (await client.GetFromJsonAsync<PeriodApprovalsResponse>("/api/approvals?day=2026-12-09", Json.Options))!.People.Single(p => p.PersonId == personId);

    /// <summary>Ann at the depot, Bob at the annex, and Mo, a Manager of the depot, signed in through the login page.</summary>
    private static async Task<(HttpClient Manager, PersonResponse Ann, PersonResponse Bob)> ManagerOfDepotAsync(FaceAttendanceApp app)
    {
        using var owner = app.CreateAdminClient();
        var depot = await owner.AddSiteAsync("Depot");
        var annex = await owner.AddSiteAsync("Annex");
        var ann = await owner.AddPersonAsync("E1", "Ann Depot", depot.Id);
        var bob = await owner.AddPersonAsync("E2", "Bob Annex", annex.Id);
        var invitation = await (await owner.PostAsJsonAsync("/api/accounts/invitations",
            new { email = "mo@example.com", displayName = "Mo", role = Roles.Manager, siteIds = new[] { depot.Id } })).Content.ReadFromJsonAsync<JsonElement>();
        using var anonymous = app.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/accounts/invitations/accept",
            new { token = invitation.GetProperty("token").GetString(), password = AccountSteps.Password })).EnsureSuccessStatusCode();
        var manager = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await AccountsTests.LogInAsync(manager, "mo@example.com", AccountSteps.Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return (manager, ann, bob);
    }
}
