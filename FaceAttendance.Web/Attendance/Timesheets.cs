using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;

namespace FaceAttendance.Web.Attendance;

/// <summary>One person's local working day: first check-in, last check-out and the time between each check-in and
/// the check-out that follows it (an unmatched check-in adds nothing). <see cref="Corrections"/> are the managers'
/// corrections of that day's events, in words. <see cref="IncludesOffline"/>: a kiosk recorded one of the day's counted
/// events offline (its time is the kiosk's clock, corrected), worth a look before paying the hours.</summary>
public sealed record TimesheetDay(
    Guid? PersonId, string EmployeeId, string Name, DateOnly Date, DateTimeOffset? FirstIn, DateTimeOffset? LastOut, TimeSpan Worked,
    IReadOnlyList<string> Corrections, bool IncludesOffline);

public static class Timesheets
{
    /// <param name="events">with their corrections; voided ones only add their correction note.</param>
    public static IReadOnlyList<TimesheetDay> Build(IEnumerable<AttendanceEvent> events, AttendanceCalendar calendar) =>
        [.. events
            .GroupBy(e => (e.EmployeeId, Date: calendar.DayOf(e.RecordedAt)))
            .Select(day => Summarise(day.OrderBy(e => e.RecordedAt).ToList(), day.Key.Date, calendar))
            .OfType<TimesheetDay>()
            .OrderBy(d => d.Date).ThenBy(d => d.Name, StringComparer.CurrentCultureIgnoreCase)];

    private static TimesheetDay? Summarise(List<AttendanceEvent> all, DateOnly date, AttendanceCalendar calendar)
    {
        var corrections = all.SelectMany(e => e.Corrections).OrderBy(c => c.At).Select(c => AttendanceCsv.Describe(c, calendar)).ToList();
        var day = all.Where(e => !e.Voided).ToList();
        if (day.Count == 0)
        {
            return corrections.Count == 0 ? null
                : new TimesheetDay(all[^1].PersonId, all[^1].EmployeeId, all[^1].PersonName, date, null, null, TimeSpan.Zero, corrections, IncludesOffline: false);
        }
        var worked = TimeSpan.Zero;
        DateTime? openSince = null;
        foreach (var e in day)
        {
            // a break ends worked time like a check-out and its end resumes it like a check-in
            if (e.Kind is AttendanceKind.In or AttendanceKind.BreakEnd)
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
            Local(day.LastOrDefault(e => e.Kind == AttendanceKind.Out), calendar), worked, corrections, day.Any(e => e.RecordedOffline));
    }

    private static DateTimeOffset? Local(AttendanceEvent? e, AttendanceCalendar calendar) =>
        e is null ? null : TimeZoneInfo.ConvertTime(new DateTimeOffset(e.RecordedAt, TimeSpan.Zero), calendar.TimeZone);
}
