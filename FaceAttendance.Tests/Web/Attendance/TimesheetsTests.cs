using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Hours;
using NodaTime;

namespace FaceAttendance.Tests.Web.Attendance;

public sealed class TimesheetsTests
{
    private static readonly AttendanceCalendar Utc = new(new CalendarOptions { TimeZone = "UTC" });

    [Fact]
    public void AnUnclosedCheckInShowsNoLastOutAndAddsNoWorkedTime()
    {
        var days = Build([Event("E1", AttendanceKind.In, 8)]);

        days.Should().ContainSingle().Which.Should().BeEquivalentTo(new { LastOut = (DateTimeOffset?)null, Worked = TimeSpan.Zero });
    }

    [Fact]
    public void EachPersonGetsTheirOwnRowPerDay()
    {
        var events = new[]
        {
            Event("E1", AttendanceKind.In, 8), Event("E2", AttendanceKind.In, 9), Event("E1", AttendanceKind.Out, 12),
            Event("E2", AttendanceKind.Out, 17), Event("E1", AttendanceKind.In, 8, day: 3),
        };

        var days = Build(events);

        days.Select(d => (d.EmployeeId, d.Date.Day, d.Worked.TotalHours)).Should().Equal(("E1", 2, 4.0), ("E2", 2, 8.0), ("E1", 3, 0.0));
    }

    [Fact]
    public void ADayWithACountedOfflineEventIsMarkedAndAVoidedOneDoesNotMarkIt()
    {
        var offlineIn = Event("E1", AttendanceKind.In, 8);
        offlineIn.RecordedOffline = true;
        var voidedOffline = Event("E2", AttendanceKind.In, 8);
        (voidedOffline.RecordedOffline, voidedOffline.Voided) = (true, true);
        var events = new[] { offlineIn, Event("E1", AttendanceKind.Out, 12), voidedOffline, Event("E2", AttendanceKind.In, 9) };

        var days = Build(events);

        days.Select(d => (d.EmployeeId, d.Flags.Contains(DayFlag.Offline))).Should().Equal(("E1", true), ("E2", false));
    }

    /// <summary>March 2026's timesheet, seen on 1 April, with no schedules or rules of anyone's.</summary>
    private static IReadOnlyList<TimesheetDay> Build(IEnumerable<AttendanceEvent> events) => Timesheets.Build(events, [],
        new HoursBook([], [], [], [], DateTimeZone.Utc), Utc, new DateOnly(2026, 3, 1), new DateOnly(2026, 3, 31), Instant.FromUtc(2026, 4, 1, 0, 0));

    private static AttendanceEvent Event(string employeeId, AttendanceKind kind, int hour, int day = 2) => new()
    {
        EmployeeId = employeeId,
        PersonName = employeeId == "E1" ? "Ada" : "Grace",
        Kind = kind,
        RecordedAt = new DateTime(2026, 3, day, hour, 0, 0, DateTimeKind.Utc),
    };
}
