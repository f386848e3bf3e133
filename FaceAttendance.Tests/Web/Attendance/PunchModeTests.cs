using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Sites;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Sites;
using FaceAttendance.Web.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Attendance;

/// <summary>What a recognised face records at a site's kiosks: Automatic with its minimum gap and "Check out now", or
/// Buttons through the scan's one-use ticket; real photos, the real engine, a real SQLite file.</summary>
public sealed class PunchModeTests
{
    // in the future, so a ticket's own expiry (Data Protection's, by the real clock) never bites before the app clock's
    private static readonly DateTimeOffset Monday0800 = new(2027, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ASecondScanInsideTheGapAtAnotherSitesKioskAnswersAlreadyCheckedInAndRecordsNothing()
    {
        await using var app = new FaceAttendanceApp(now: Monday0800);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var north = await KioskAtAsync(app, "North door", "North");
        using var south = await KioskAtAsync(app, "South door", "South");

        var checkedIn = await ScanAsync(north);
        app.Clock.Advance(TimeSpan.FromMinutes(3));
        var walkedPast = await ScanAsync(south);

        (checkedIn.Status, walkedPast.Status, walkedPast.Kind, walkedPast.RecordedAt)
            .Should().Be((AttendanceStatus.CheckedIn, AttendanceStatus.AlreadyRecorded, AttendanceKind.In, checkedIn.RecordedAt));
        walkedPast.Offer!.Allowed.Should().Equal(AttendanceKind.Out);
        (await app.StoredEventsAsync()).Should().ContainSingle();
        app.Clock.Advance(TimeSpan.FromMinutes(28));
        (await ScanAsync(south)).Status.Should().Be(AttendanceStatus.CheckedOut, "31 minutes after the check-in is past the 30-minute gap");
    }

    [Fact]
    public async Task CheckOutNowRecordsTheCheckOutWithTheSecondScansSnapshot()
    {
        await using var app = new FaceAttendanceApp(now: Monday0800);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await KioskAtAsync(app, "Front door", "Head office");
        await ScanAsync(kiosk);
        app.Clock.Advance(TimeSpan.FromMinutes(10));
        var again = await ScanAsync(kiosk);

        app.Clock.Advance(TimeSpan.FromSeconds(5));
        var response = await PunchAsync(kiosk, again.Offer!.Ticket, "out");

        var checkedOut = await response.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options);
        (checkedOut!.Status, checkedOut.Kind, checkedOut.Person!.Name).Should().Be((AttendanceStatus.CheckedOut, AttendanceKind.Out, "Al Sharpton"));
        var events = await app.StoredEventsAsync();
        events.Select(e => e.Kind).Should().Equal(AttendanceKind.In, AttendanceKind.Out);
        events[1].SnapshotKey.Should().NotBe(events[0].SnapshotKey);
        (await app.StoredSnapshotsAsync()).Should().Contain(events[1].SnapshotKey!, "the check-out keeps the scan's snapshot");
        using var admin = app.CreateAdminClient();
        (await admin.GetAsync($"/api/attendance/{events[1].Id}/snapshot")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheGapCountsMinutesSinceTheCheckInAcrossMidnightButANewDayAfterItStartsWithACheckIn()
    {
        await using var app = new FaceAttendanceApp(now: new DateTimeOffset(2027, 3, 1, 23, 50, 0, TimeSpan.Zero));
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await KioskAtAsync(app, "Front door", "Head office");

        var lateIn = await ScanAsync(kiosk);
        app.Clock.Advance(TimeSpan.FromMinutes(15));
        var afterMidnight = await ScanAsync(kiosk);
        app.Clock.Advance(TimeSpan.FromMinutes(30));
        var pastTheGap = await ScanAsync(kiosk);

        (lateIn.Status, afterMidnight.Status, afterMidnight.RecordedAt).Should().Be((AttendanceStatus.CheckedIn, AttendanceStatus.AlreadyRecorded, lateIn.RecordedAt));
        (pastTheGap.Status, pastTheGap.FirstToday).Should().Be((AttendanceStatus.CheckedIn, true), "the open check-in was yesterday's");
    }

    [Fact]
    public async Task AShorterGapOnTheSiteLetsAScanInsideADayCheckOutAndTheChangeIsAudited()
    {
        await using var app = new FaceAttendanceApp(now: Monday0800);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await KioskAtAsync(app, "Front door", "Head office");
        using var admin = app.CreateAdminClient();
        var site = await admin.SetPunchingAsync("Head office", minimumGapMinutes: 5);

        await ScanAsync(kiosk);
        app.Clock.Advance(TimeSpan.FromMinutes(4));
        var inside = await ScanAsync(kiosk);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var after = await ScanAsync(kiosk);

        (inside.Status, after.Status).Should().Be((AttendanceStatus.AlreadyRecorded, AttendanceStatus.CheckedOut));
        await (await admin.PutAsJsonAsync($"/api/sites/{site.Id}", new { name = site.Name, minimumGapMinutes = 721 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PutAsJsonAsync($"/api/sites/{site.Id}", new { name = site.Name, punchMode = "sometimes" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        var audit = await admin.GetStringAsync("/api/audit");
        audit.Should().Contain("site.punching-changed").And.Contain("minimum gap 00:30:00");
    }

    [Fact]
    public async Task AtAButtonsSiteEachButtonRecordsWhatItSays()
    {
        await using var app = new FaceAttendanceApp(now: Monday0800);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await ButtonsKioskAsync(app);

        var answers = new List<KioskAnswer>();
        foreach (var (kind, offered) in new[]
                 {
                     ("in", new[] { AttendanceKind.In }),
                     ("break-start", [AttendanceKind.Out, AttendanceKind.BreakStart]),
                     ("break-end", [AttendanceKind.BreakEnd, AttendanceKind.Out]),
                     ("out", [AttendanceKind.Out, AttendanceKind.BreakStart]),
                 })
        {
            var scan = await ScanAsync(kiosk);
            (scan.Status, scan.Kind).Should().Be((AttendanceStatus.Choose, null));
            scan.Offer!.Allowed.Should().Equal(offered);
            var punched = await PunchAsync(kiosk, scan.Offer.Ticket, kind);
            punched.StatusCode.Should().Be(HttpStatusCode.OK, await punched.Content.ReadAsStringAsync());
            answers.Add((await punched.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!);
            app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        answers.Select(a => a.Status).Should().Equal(
            AttendanceStatus.CheckedIn, AttendanceStatus.BreakStarted, AttendanceStatus.BreakEnded, AttendanceStatus.CheckedOut);
        answers[0].FirstToday.Should().BeTrue();
        (await app.StoredEventsAsync()).Select(e => e.Kind).Should().Equal(
            AttendanceKind.In, AttendanceKind.BreakStart, AttendanceKind.BreakEnd, AttendanceKind.Out);
        using var admin = app.CreateAdminClient();
        (await admin.GetStringAsync("/api/attendance.csv")).Should().Contain(",break start,").And.Contain(",break end,");
    }

    [Fact]
    public async Task AnImpossibleButtonIsRefusedInWordsAndTheTicketStillRecordsAPossibleOne()
    {
        await using var app = new FaceAttendanceApp(now: Monday0800);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await ButtonsKioskAsync(app);
        var scan = await ScanAsync(kiosk);

        var problem = await (await PunchAsync(kiosk, scan.Offer!.Ticket, "break-end")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "punch-not-possible");

        problem.GetProperty("detail").GetString().Should().Be("You are not checked in: check in first.");
        problem.GetProperty("reasons")[0].GetString().Should().Be("not-checked-in"); // what the kiosk says in its language
        (await app.StoredEventsAsync()).Should().BeEmpty();
        (await PunchAsync(kiosk, scan.Offer.Ticket, "in")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await app.StoredEventsAsync()).Should().ContainSingle().Which.Kind.Should().Be(AttendanceKind.In);
    }

    [Fact]
    public async Task AScanNobodyChoosesForRecordsNothingAndRetentionDropsItsSnapshot()
    {
        await using var app = new FaceAttendanceApp(now: Monday0800);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await ButtonsKioskAsync(app);
        var retention = app.Services.GetRequiredService<SnapshotRetention>();

        await ScanAsync(kiosk);
        var whileChoosing = await app.StoredSnapshotsAsync();
        app.Clock.Advance(app.Services.GetRequiredService<UploadOptions>().DecisionWindow + TimeSpan.FromSeconds(1));
        await retention.PurgeAsync(CancellationToken.None);

        whileChoosing.Should().ContainSingle("the snapshot waits for the choice");
        (await app.StoredSnapshotsAsync()).Should().BeEmpty();
        (await app.StoredEventsAsync()).Should().BeEmpty();
        (await ScanAsync(kiosk)).Offer!.Allowed.Should().Equal([AttendanceKind.In], "nothing was recorded, so the person is still to check in");
    }

    [Fact]
    public async Task AForgedExpiredReplayedOrOtherKiosksTicketRecordsNothing()
    {
        await using var app = new FaceAttendanceApp(now: Monday0800);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await ButtonsKioskAsync(app);
        using var other = await KioskAtAsync(app, "Back door", "Head office");

        var scan = await ScanAsync(kiosk);
        var ticket = scan.Offer!.Ticket;
        await (await PunchAsync(kiosk, ticket[..^4] + "AAAA", "in")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "punch-ticket-invalid");
        await (await PunchAsync(kiosk, "", "in")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "punch-ticket-invalid");
        await (await PunchAsync(other, ticket, "in")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "punch-ticket-invalid");
        await (await kiosk.PostAsJsonAsync("/attendance/punch", new { ticket })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "punch-kind-missing");
        await (await PunchAsync(kiosk, ticket, "lunch")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await PunchAsync(kiosk, ticket, "in")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await PunchAsync(kiosk, ticket, "out")).ShouldBeProblemAsync(HttpStatusCode.Conflict, "punch-ticket-used");

        var late = await ScanAsync(kiosk);
        app.Clock.Advance(PunchTickets.Lifetime + TimeSpan.FromSeconds(1));
        await (await PunchAsync(kiosk, late.Offer!.Ticket, "out")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "punch-ticket-invalid");
        (await app.StoredEventsAsync()).Should().ContainSingle();
    }

    private static async Task<HttpClient> KioskAtAsync(FaceAttendanceApp app, string name, string site)
    {
        using var admin = app.CreateAdminClient();
        return (await PairedKioskClient.PairAsync(admin, name, site)).Authorise(app.CreateClient());
    }

    private static async Task<HttpClient> ButtonsKioskAsync(FaceAttendanceApp app)
    {
        var kiosk = await KioskAtAsync(app, "Front door", "Head office");
        using var admin = app.CreateAdminClient();
        (await admin.SetPunchingAsync("Head office", punchMode: "buttons")).PunchMode.Should().Be(PunchMode.Buttons);
        return kiosk;
    }

    private static async Task<KioskAnswer> ScanAsync(HttpClient kiosk)
    {
        var response = await kiosk.PostAsync("/attendance", FaceAttendanceApp.ImageForm(Photos.AlSharpton(6), "image/jpeg"));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!;
    }

    private static Task<HttpResponseMessage> PunchAsync(HttpClient kiosk, string ticket, string kind) =>
        kiosk.PostAsJsonAsync("/attendance/punch", new { ticket, kind });
}
