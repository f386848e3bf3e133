using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Http;

namespace FaceAttendance.Tests.Web.Attendance;

public sealed class AttendanceReportsTests
{
    private static readonly DateTimeOffset Monday0800 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task TimesheetsShowFirstInLastOutAndTheTimeWorkedPerPersonPerDay()
    {
        await using var app = await WorkedDayAsync();
        using var admin = app.CreateAdminClient();

        var days = await admin.GetFromJsonAsync<List<TimesheetDay>>("/api/timesheets?from=2026-03-02&to=2026-03-02", Json.Options);

        days.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            EmployeeId = "E100",
            Name = "Al Sharpton",
            Date = new DateOnly(2026, 3, 2),
            FirstIn = Monday0800,
            LastOut = Monday0800.AddHours(9),
            // 08:00-12:00 and 13:00-17:00
            Worked = TimeSpan.FromHours(8),
        });
    }

    [Fact]
    public async Task TheCsvExportHasAHeaderAndOneRowPerEvent()
    {
        await using var app = await WorkedDayAsync();
        using var admin = app.CreateAdminClient();

        var response = await admin.GetAsync("/api/attendance.csv?from=2026-03-02&to=2026-03-02");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        lines[0].Should().Be(AttendanceCsv.Header);
        lines.Skip(1).Select(l => string.Join(',', l.Split(',')[1..7])).Should().Equal(
            "2026-03-02T08:00:00Z,2026-03-02,08:00:00,E100,Al Sharpton,in",
            "2026-03-02T12:00:00Z,2026-03-02,12:00:00,E100,Al Sharpton,out",
            "2026-03-02T13:00:00Z,2026-03-02,13:00:00,E100,Al Sharpton,in",
            "2026-03-02T17:00:00Z,2026-03-02,17:00:00,E100,Al Sharpton,out");
    }

    [Fact]
    public async Task TheAttendanceListFiltersByDayAndPersonAndPages()
    {
        await using var app = await WorkedDayAsync();
        using var admin = app.CreateAdminClient();
        var personId = (await admin.GetFromJsonAsync<Page<AttendanceEventResponse>>("/api/attendance", Json.Options))!.Items[0].PersonId;

        var firstPage = await admin.GetFromJsonAsync<Page<AttendanceEventResponse>>(
            $"/api/attendance?from=2026-03-02&to=2026-03-02&personId={personId}&page=1&pageSize=3", Json.Options);
        var otherDay = await admin.GetFromJsonAsync<Page<AttendanceEventResponse>>("/api/attendance?from=2026-03-03", Json.Options);

        firstPage!.Total.Should().Be(4);
        firstPage.Items.Should().HaveCount(3).And.BeInDescendingOrder(e => e.RecordedAt);
        otherDay!.Total.Should().Be(0);
    }

    [Fact]
    public async Task OfflineEventsCanBeListedAloneAndAreMarkedWithTheirKioskInTheApiCsvTimesheetsAndLog()
    {
        await using var app = await WorkedDayAsync();
        var kiosk = await app.KioskAsync();
        using var device = await app.CreateKioskClientAsync();
        // a scan the kiosk kept while offline, taken a minute before it is sent (the kiosk's clock is right)
        app.Clock.Advance(TimeSpan.FromHours(1));
        var now = app.Clock.GetUtcNow();
        var offlineScan = await device.PostAsync("/attendance", kiosk.OfflineScan(Photos.AlSharpton(6), Guid.NewGuid(), now.AddMinutes(-1), now));
        offlineScan.EnsureSuccessStatusCode();
        using var admin = app.CreateAdminClient();

        var offline = await admin.GetFromJsonAsync<Page<AttendanceEventResponse>>("/api/attendance?offline=true", Json.Options);
        var live = await admin.GetFromJsonAsync<Page<AttendanceEventResponse>>("/api/attendance?offline=false", Json.Options);
        var all = await admin.GetFromJsonAsync<Page<AttendanceEventResponse>>("/api/attendance", Json.Options);
        var csv = (await admin.GetStringAsync("/api/attendance.csv?from=2026-03-02&to=2026-03-02&offline=true")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var days = await admin.GetFromJsonAsync<List<TimesheetDay>>("/api/timesheets?from=2026-03-02&to=2026-03-02", Json.Options);
        var log = await admin.GetStringAsync("/admin/attendance?from=2026-03-02&to=2026-03-02&offline=true");
        var timesheetPage = await admin.GetStringAsync("/admin/timesheets?from=2026-03-02&to=2026-03-02");

        offline!.Items.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            RecordedOffline = true, RecordedAt = now.AddMinutes(-1).UtcDateTime, KioskId = kiosk.Id, KioskName = "Front door",
        });
        live!.Items.Should().HaveCount(4).And.OnlyContain(e => !e.RecordedOffline && e.KioskName == "Front door");
        all!.Total.Should().Be(5);
        csv.Should().HaveCount(2);
        csv[1].Should().StartWith($"{offline.Items[0].Id},").And.EndWith(",Front door,yes,Head office");
        days.Should().ContainSingle().Which.Flags.Should().Contain(FaceAttendance.Web.Hours.DayFlag.Offline);
        log.Should().Contain("recorded offline").And.Contain("<td>Front door</td>").And.Contain("<option selected=\"selected\" value=\"true\">Only recorded offline</option>")
            .And.Contain("/api/attendance.csv?from=2026-03-02&amp;to=2026-03-02&amp;offline=true");
        timesheetPage.Should().Contain("includes scans recorded offline");
    }

    /// <summary>In at 08:00, out at 12:00, in at 13:00, out at 17:00 on Monday 2 March 2026 (UTC).</summary>
    private static async Task<FaceAttendanceApp> WorkedDayAsync()
    {
        var app = new FaceAttendanceApp(now: Monday0800);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        foreach (var hours in new[] { 0, 4, 1, 4 })
        {
            app.Clock.Advance(TimeSpan.FromHours(hours));
            (await app.PostSnapshotAsync(Photos.AlSharpton(6))).EnsureSuccessStatusCode();
        }
        return app;
    }
}
