using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;

namespace FaceAttendance.Tests.Web.Attendance;

/// <summary>A manager's corrections through the API, on a real SQLite file: each is kept beside the event (who, when,
/// why, the previous person) and shows in the log, the timesheets, the CSV and the audit log; nothing is overwritten.</summary>
public sealed class AttendanceCorrectionsTests
{
    private static readonly DateTimeOffset Monday0800 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AVoidedEventStaysInTheLogMarkedAndCountsNowhereElse()
    {
        await using var app = new FaceAttendanceApp(now: Monday0800);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var scanned = await ScanAsync(app);
        using var admin = app.CreateAdminClient();

        var noReason = await admin.PostAsJsonAsync($"/api/attendance/{scanned.Event.Id}/void", new { reason = " " });
        var voided = await admin.PostAsJsonAsync($"/api/attendance/{scanned.Event.Id}/void", new { reason = "a visitor who looks alike" });
        var again = await admin.PostAsJsonAsync($"/api/attendance/{scanned.Event.Id}/void", new { reason = "twice" });
        var unknown = await admin.PostAsJsonAsync($"/api/attendance/{Guid.NewGuid()}/void", new { reason = "no such event" });
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var rescan = await ScanAsync(app);

        await noReason.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "reason-missing");
        voided.StatusCode.Should().Be(HttpStatusCode.OK, await voided.Content.ReadAsStringAsync());
        var corrected = (await voided.Content.ReadFromJsonAsync<AttendanceEventResponse>(Json.Options))!;
        corrected.Voided.Should().BeTrue();
        corrected.Corrections.Should().ContainSingle().Which.Should().Match<CorrectionResponse>(c =>
            c.Action == CorrectionAction.Voided && c.Reason == "a visitor who looks alike" && c.Actor == "configured api key" && c.At == Monday0800.UtcDateTime);
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "already-voided");
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "event-not-found");
        rescan.Answer.Status.Should().Be(AttendanceStatus.CheckedIn, "a voided check-in is not the one a new scan follows");

        var log = await admin.GetFromJsonAsync<JsonElement>("/api/attendance?from=2026-03-02&to=2026-03-02");
        log.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("voided").GetBoolean()).Should().BeEquivalentTo([true, false]);
        var day = (await admin.GetFromJsonAsync<JsonElement>("/api/timesheets?from=2026-03-02&to=2026-03-02")).EnumerateArray().Single();
        day.GetProperty("firstIn").GetDateTimeOffset().Should().Be(Monday0800.AddSeconds(30), "the voided check-in does not count");
        day.GetProperty("corrections").EnumerateArray().Single().GetString().Should().Be("voided 2026-03-02 08:00 by configured api key: a visitor who looks alike");
        var csv = await admin.GetStringAsync("/api/attendance.csv?from=2026-03-02&to=2026-03-02");
        csv.Should().Contain($"{scanned.Event.Id},").And.Contain(",yes,voided 2026-03-02 08:00 by configured api key: a visitor who looks alike");
        (await admin.GetStringAsync("/api/audit")).Should().Contain("attendance.voided");
    }

    [Fact]
    public async Task AMissingCheckOutIsAddedWithItsReasonAndCompletesTheDay()
    {
        await using var app = new FaceAttendanceApp(now: Monday0800);
        var person = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        await ScanAsync(app);
        app.Clock.Advance(TimeSpan.FromDays(1));
        using var admin = app.CreateAdminClient();

        var added = await admin.PostAsJsonAsync("/api/attendance", new
        {
            personId = person.Id, kind = "out", at = Monday0800.AddHours(9), reason = "left by the back door",
        });
        var future = await admin.PostAsJsonAsync("/api/attendance", new { personId = person.Id, kind = "in", at = app.Clock.GetUtcNow().AddHours(1), reason = "early" });
        var nobody = await admin.PostAsJsonAsync("/api/attendance", new { personId = Guid.NewGuid(), kind = "in", at = Monday0800, reason = "who?" });

        added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var response = (await added.Content.ReadFromJsonAsync<AttendanceEventResponse>(Json.Options))!;
        (response.Kind, response.RecordedAt, response.SnapshotKey).Should().Be((AttendanceKind.Out, Monday0800.AddHours(9).UtcDateTime, (string?)null));
        response.Corrections.Single().Action.Should().Be(CorrectionAction.Added);
        await future.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "time-in-future");
        await nobody.ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
        var day = (await admin.GetFromJsonAsync<JsonElement>("/api/timesheets?from=2026-03-02&to=2026-03-02")).EnumerateArray().Single();
        day.GetProperty("worked").GetString().Should().Be("09:00:00");
        day.GetProperty("corrections").EnumerateArray().Single().GetString().Should().Be("added 2026-03-03 08:00 by configured api key: left by the back door");
    }

    [Fact]
    public async Task AReassignedEventBelongsToTheRightPersonAndKeepsWhomItNamedBefore()
    {
        await using var app = new FaceAttendanceApp(now: Monday0800);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var right = await app.CreatePersonAsync("E200", "Alan Greenspan");
        var scanned = await ScanAsync(app);
        using var admin = app.CreateAdminClient();

        var reassigned = await admin.PostAsJsonAsync($"/api/attendance/{scanned.Event.Id}/reassign", new { personId = right.Id, reason = "his twin brother" });
        var same = await admin.PostAsJsonAsync($"/api/attendance/{scanned.Event.Id}/reassign", new { personId = right.Id, reason = "again" });

        reassigned.StatusCode.Should().Be(HttpStatusCode.OK, await reassigned.Content.ReadAsStringAsync());
        var corrected = (await reassigned.Content.ReadFromJsonAsync<AttendanceEventResponse>(Json.Options))!;
        (corrected.PersonId, corrected.Name, corrected.EmployeeId).Should().Be((right.Id, "Alan Greenspan", "E200"));
        corrected.Corrections.Single().Should().Match<CorrectionResponse>(c =>
            c.Action == CorrectionAction.Reassigned && c.FromName == "Al Sharpton" && c.FromEmployeeId == "E100" && c.FromPersonId == scanned.Event.PersonId);
        await same.ShouldBeProblemAsync(HttpStatusCode.Conflict, "same-person");
        var day = (await admin.GetFromJsonAsync<JsonElement>("/api/timesheets?from=2026-03-02&to=2026-03-02")).EnumerateArray().Single();
        day.GetProperty("employeeId").GetString().Should().Be("E200");
        (await admin.GetStringAsync("/api/attendance.csv?from=2026-03-02&to=2026-03-02"))
            .Should().Contain("E200,Alan Greenspan,in").And.Contain("reassigned from Al Sharpton (E100) 2026-03-02 08:00 by configured api key: his twin brother");
    }

    /// <summary>A kiosk scan as one multipart post (the upload URLs' own clock is the real one, not the test's), and the
    /// event it recorded as the admin lists it (the newest), since the kiosk's answer names no event.</summary>
    private static async Task<(KioskAnswer Answer, AttendanceEventResponse Event)> ScanAsync(FaceAttendanceApp app)
    {
        var response = await app.PostSnapshotAsync(Photos.AlSharpton(6));
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var answer = (await response.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!;
        var recorded = (await app.EventsAsync())[0];
        recorded.RecordedAt.Should().Be(answer.RecordedAt);
        return (answer, recorded);
    }
}
