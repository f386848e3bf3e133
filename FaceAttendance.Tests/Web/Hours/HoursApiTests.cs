using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Admin;
using FaceAttendance.Tests.Web.Sites;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Hours;
using FaceAttendance.Web.Http;

namespace FaceAttendance.Tests.Web.Hours;

/// <summary>Schedules, pay rules and the timesheet they make, through the API on a real SQLite file: Ada works 09:00–17:00
/// Berlin time on weekdays, under the organisation's rules (quarter hours in her favour, overtime after 8 hours).</summary>
public sealed class HoursApiTests
{
    private static readonly DateTimeOffset WednesdayNoon = new(2026, 3, 4, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AScheduleAndRulesTurnPunchesIntoATimesheetThatNamesWhatMadeEachFigure()
    {
        await using var app = await AdasWeekAsync();
        using var admin = app.CreateAdminClient();

        var days = await admin.GetFromJsonAsync<TimesheetDay[]>("/api/timesheets?from=2026-03-02&to=2026-03-03", Json.Options);

        days.Should().NotBeNull();
        days!.Select(d => (d.Date, d.Shift, d.FirstIn?.ToString("HH:mm"), d.LastOut?.ToString("HH:mm"), d.Breaks, d.Worked, d.Regular, d.Overtime, string.Join(",", d.Flags)))
            .Should().Equal(
                (new DateOnly(2026, 3, 2), "09:00–17:00", "09:07", "18:05", TimeSpan.FromMinutes(30), new TimeSpan(8, 45, 0), TimeSpan.FromHours(8), TimeSpan.FromMinutes(45), "Late"),
                (new DateOnly(2026, 3, 3), "09:00–17:00", null, null, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero, "Absent"));
        days![0].Events.Should().HaveCount(4);
        days[0].Trace.Should().Contain("in 09:07 (→09:00), out 18:05 (→18:15): 9:15")
            .And.Contain(t => t.StartsWith("organisation's rules: rounded to 15 min in the employee's favour"))
            .And.Contain("shift 09:00–17:00 (Ada Lovelace's schedule, Europe/Berlin)");
        (await app.AuditAsync("schedule.changed")).Should().ContainSingle().Which.Detail.Should()
            .Be("Ada Lovelace: Mon 09:00–17:00, Tue 09:00–17:00, Wed 09:00–17:00, Thu 09:00–17:00, Fri 09:00–17:00; 2026-03-05 off");
        (await app.AuditAsync("pay-rules.set")).Should().ContainSingle().Which.Subject.Should().Be("organisation");
    }

    [Fact]
    public async Task TheTimesheetCsvHasOneRowPerPersonDay()
    {
        await using var app = await AdasWeekAsync();
        using var admin = app.CreateAdminClient();

        var response = await admin.GetAsync("/api/timesheets.csv?from=2026-03-02&to=2026-03-03");
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        response.Content.Headers.ContentDisposition!.FileName.Should().Be("timesheets-2026-03-02-2026-03-03.csv");
        lines.Should().HaveCount(3);
        lines[0].Should().Be("date,employeeId,name,timeZone,shift,firstIn,lastOut,breakHours,workedHours,regularHours,overtimeHours,flags,rules,corrections,events");
        lines[1].Should().StartWith("2026-03-02,E1,Ada Lovelace,Europe/Berlin,09:00–17:00,2026-03-02 09:07,2026-03-02 18:05,0.5,8.75,8,0.75,late,\"organisation's rules:");
        lines[2].Should().StartWith("2026-03-03,E1,Ada Lovelace,Europe/Berlin,09:00–17:00,,,0,0,0,0,absent,");
        (await app.AuditAsync("timesheets.exported")).Should().ContainSingle().Which.Detail.Should().Be("csv from 2026-03-02 to 2026-03-03");
    }

    [Fact]
    public async Task TheXlsxHasADayPerRowAndASummaryPerPersonCellByCell()
    {
        await using var app = await AdasWeekAsync();
        using var admin = app.CreateAdminClient();

        var response = await admin.GetAsync("/api/timesheets.xlsx?from=2026-03-02&to=2026-03-03");
        var sheets = XlsxCells.Read(await response.Content.ReadAsByteArrayAsync());

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        sheets.Keys.Should().Equal("Days", "Summary");
        var days = sheets["Days"];
        (days["A1"], days["B1"], days["H1"], days["I1"], days["J1"], days["K1"], days["L1"]).Should()
            .Be(("date", "employeeId", "breakHours", "workedHours", "regularHours", "overtimeHours", "flags"));
        (days["A2"], days["B2"], days["C2"], days["E2"], days["F2"], days["G2"], days["H2"], days["I2"], days["J2"], days["K2"], days["L2"]).Should()
            .Be(("2026-03-02", "E1", "Ada Lovelace", "09:00–17:00", "2026-03-02 09:07", "2026-03-02 18:05", "0.5", "8.75", "8", "0.75", "late"));
        (days["A3"], days["I3"], days["L3"]).Should().Be(("2026-03-03", "0", "absent"));
        days.Keys.Should().NotContain(k => k.EndsWith('4'));
        var summary = sheets["Summary"];
        Enumerable.Range(0, 8).Select(i => summary[$"{(char)('A' + i)}1"]).Should()
            .Equal("employeeId", "name", "daysWorked", "regularHours", "overtimeHours", "absences", "lateDays", "daysToReview");
        Enumerable.Range(0, 8).Select(i => summary[$"{(char)('A' + i)}2"]).Should().Equal("E1", "Ada Lovelace", "1", "8", "0.75", "1", "1", "0");
    }

    [Fact]
    public async Task BadSchedulesRulesAndPeriodsAnswerProblemDetailsAndChangeNothing()
    {
        await using var app = await AdasWeekAsync();
        using var admin = app.CreateAdminClient();
        var ada = (await admin.GetFromJsonAsync<Page<FaceAttendance.Web.People.PersonResponse>>("/api/people", Json.Options))!.Items.Single();
        var monday = new { day = "monday", start = "09:00:00", end = "17:00:00" };

        await (await admin.PutAsJsonAsync($"/api/people/{ada.Id}/schedule", new { weekly = new[] { monday, monday }, changes = Array.Empty<object>() }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-schedule");
        await (await admin.PutAsJsonAsync($"/api/people/{ada.Id}/schedule", new { weekly = Array.Empty<object>(), changes = new[] { new { date = "2026-03-05", start = "09:00:00" } } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-schedule");
        await (await admin.PutAsJsonAsync($"/api/people/{Guid.NewGuid()}/schedule", new { weekly = new[] { monday }, changes = Array.Empty<object>() }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
        await (await admin.PutAsJsonAsync("/api/pay-rules", Rules(roundToMinutes: 7))).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await admin.PutAsJsonAsync("/api/pay-rules", Rules(siteId: Guid.NewGuid(), departmentId: Guid.NewGuid()))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "one-scope");
        await (await admin.PutAsJsonAsync("/api/pay-rules", Rules(departmentId: Guid.NewGuid()))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown-department");
        await (await admin.DeleteAsync($"/api/pay-rules?siteId={ada.HomeSiteId}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "pay-rules-not-found");
        await (await admin.GetAsync("/api/timesheets.xlsx?from=2026-03-05&to=2026-03-01")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "date-range-reversed");
        await (await admin.GetAsync("/api/timesheets?from=2025-01-01&to=2026-03-01")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "period-too-long");

        (await admin.GetFromJsonAsync<ScheduleLines>($"/api/people/{ada.Id}/schedule", Json.Options))!.Weekly.Should().HaveCount(5);
        (await admin.GetFromJsonAsync<PayRulesResponse[]>("/api/pay-rules", Json.Options)).Should().ContainSingle().Which.RoundToMinutes.Should().Be(15);
    }

    [Fact]
    public async Task OwnersAndAdminsSetRulesAndAManagerEditsOnlySchedulesInTheirScope()
    {
        await using var app = TestRoles.App();
        using var owner = app.CreateAdminClient();
        var person = await owner.AddPersonAsync("E9", "Nora", null);
        var schedule = new { weekly = new[] { new { day = "friday", start = "22:00:00", end = "06:00:00" } }, changes = Array.Empty<object>() };

        await (await TestRoles.CreateClient(app, Roles.Viewer).PutAsJsonAsync($"/api/people/{person.Id}/schedule", schedule)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await TestRoles.CreateClient(app, Roles.Payroll).PutAsJsonAsync("/api/pay-rules", Rules())).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await TestRoles.CreateClient(app, Roles.Manager).PutAsJsonAsync("/api/pay-rules", Rules())).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        // a Manager covering nothing: Nora is outside their scope
        await (await TestRoles.CreateClient(app, Roles.Manager).PutAsJsonAsync($"/api/people/{person.Id}/schedule", schedule))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "person-not-found");
        (await TestRoles.CreateClient(app, Roles.Admin).PutAsJsonAsync($"/api/people/{person.Id}/schedule", schedule)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await TestRoles.CreateClient(app, Roles.Admin).PutAsJsonAsync("/api/pay-rules", Rules())).StatusCode.Should().Be(HttpStatusCode.OK);

        (await owner.GetFromJsonAsync<ScheduleLines>($"/api/people/{person.Id}/schedule", Json.Options))!.Weekly.Should()
            .Equal(new WeeklyShift(DayOfWeek.Friday, new TimeOnly(22, 0), new TimeOnly(6, 0)));
        (await owner.DeleteAsync("/api/pay-rules")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await owner.GetFromJsonAsync<PayRulesResponse[]>("/api/pay-rules", Json.Options)).Should().BeEmpty();
    }

    /// <summary>Ada (home site in Berlin) on weekdays 09:00–17:00, Thursday off; the organisation rounds to quarter hours
    /// in her favour with overtime after 8 hours. Monday she came at 09:07, took 12:00–12:30 off and left at 18:05; Tuesday
    /// she did not come. The clock is Wednesday noon.</summary>
    private static async Task<FaceAttendanceApp> AdasWeekAsync()
    {
        var app = new FaceAttendanceApp(now: WednesdayNoon);
        using var owner = app.CreateAdminClient();
        var berlin = await owner.AddSiteAsync("Berlin office", "Europe/Berlin");
        var ada = await owner.AddPersonAsync("E1", "Ada Lovelace", berlin.Id);
        var weekdays = new[] { "monday", "tuesday", "wednesday", "thursday", "friday" }.Select(day => new { day, start = "09:00:00", end = "17:00:00" });
        (await owner.PutAsJsonAsync($"/api/people/{ada.Id}/schedule", new { weekly = weekdays, changes = new[] { new { date = "2026-03-05" } } }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await owner.PutAsJsonAsync("/api/pay-rules", Rules())).StatusCode.Should().Be(HttpStatusCode.OK);
        // Berlin is UTC+1 in March
        foreach (var (kind, at) in new[] { ("in", "08:07"), ("break-start", "11:00"), ("break-end", "11:30"), ("out", "17:05") })
        {
            var added = await owner.PostAsJsonAsync("/api/attendance",
                new { personId = ada.Id, kind, at = DateTimeOffset.Parse($"2026-03-02T{at}:00Z"), reason = "typed from the paper sheet" });
            added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        }
        return app;
    }

    private static object Rules(int roundToMinutes = 15, Guid? siteId = null, Guid? departmentId = null) => new
    {
        siteId, departmentId, roundToMinutes, rounding = "employee-favour", breaks = "punched", deductBreakAfterMinutes = 360,
        deductedBreakMinutes = 0, dailyOvertimeAfterMinutes = 480, weeklyOvertimeAfterMinutes = (int?)null, autoCloseAfterMinutes = 720,
    };
}
