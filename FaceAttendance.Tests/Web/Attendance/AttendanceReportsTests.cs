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
