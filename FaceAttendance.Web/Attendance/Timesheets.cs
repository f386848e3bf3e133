using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;

namespace FaceAttendance.Web.Attendance;

/// <summary>One person's local working day: first check-in, last check-out and the time between each check-in and
/// the check-out that follows it (an unmatched check-in adds nothing).</summary>
public sealed record TimesheetDay(
    Guid? PersonId, string EmployeeId, string Name, DateOnly Date, DateTimeOffset? FirstIn, DateTimeOffset? LastOut, TimeSpan Worked);

public static class Timesheets
{
    public static IReadOnlyList<TimesheetDay> Build(IEnumerable<AttendanceEvent> events, AttendanceCalendar calendar) =>
        [.. events
            .GroupBy(e => (e.EmployeeId, Date: calendar.DayOf(e.RecordedAt)))
            .Select(day => Summarise(day.OrderBy(e => e.RecordedAt).ToList(), day.Key.Date, calendar))
            .OrderBy(d => d.Date).ThenBy(d => d.Name, StringComparer.CurrentCultureIgnoreCase)];

    private static TimesheetDay Summarise(List<AttendanceEvent> day, DateOnly date, AttendanceCalendar calendar)
    {
        var worked = TimeSpan.Zero;
        DateTime? openSince = null;
        foreach (var e in day)
        {
            if (e.Kind == AttendanceKind.In)
            {
                openSince ??= e.RecordedAt;
            }
            else if (openSince is { } start)
            {
                worked += e.RecordedAt - start;
                openSince = null;
            }
        }
        var latest = day[^1];
        return new TimesheetDay(latest.PersonId, latest.EmployeeId, latest.PersonName, date,
            Local(day.FirstOrDefault(e => e.Kind == AttendanceKind.In), calendar),
            Local(day.LastOrDefault(e => e.Kind == AttendanceKind.Out), calendar), worked);
    }

    private static DateTimeOffset? Local(AttendanceEvent? e, AttendanceCalendar calendar) =>
        e is null ? null : TimeZoneInfo.ConvertTime(new DateTimeOffset(e.RecordedAt, TimeSpan.Zero), calendar.TimeZone);
}
