using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;

namespace FaceAttendance.Web.Attendance;

/// <summary>Filters shared by the admin listing, CSV and timesheets: local days <c>from</c>..<c>to</c> inclusive
/// (in the configured time zone), optionally one person, and optionally only the events recorded offline (true) or only
/// the live ones (false).</summary>
public static class AttendanceQuery
{
    public static IQueryable<AttendanceEvent> Filter(
        this IQueryable<AttendanceEvent> events, AttendanceCalendar calendar, DateOnly? from, DateOnly? to, Guid? personId = null, bool? offline = null)
    {
        if (from is { } first)
        {
            var start = calendar.StartOfDayUtc(first);
            events = events.Where(e => e.RecordedAt >= start);
        }
        if (to is { } last)
        {
            var end = calendar.StartOfDayUtc(last.AddDays(1));
            events = events.Where(e => e.RecordedAt < end);
        }
        if (personId is { } id)
        {
            events = events.Where(e => e.PersonId == id);
        }
        if (offline is { } recordedOffline)
        {
            events = events.Where(e => e.RecordedOffline == recordedOffline);
        }
        return events;
    }

    /// <summary>The events that count (timesheets, the dashboard, the check-in/check-out rule): not voided.</summary>
    public static IQueryable<AttendanceEvent> Counted(this IQueryable<AttendanceEvent> events) => events.Where(e => !e.Voided);
}
