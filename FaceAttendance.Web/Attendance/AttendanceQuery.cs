using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;

namespace FaceAttendance.Web.Attendance;

/// <summary>Filters shared by the admin listing, CSV and timesheets: local days <c>from</c>..<c>to</c> inclusive
/// (in the configured time zone), optionally one person, and optionally only the events recorded offline (true) or only
/// the live ones (false), and optionally only those recorded by one <see cref="AttendanceMethod"/> (the PIN punches to review).</summary>
public static class AttendanceQuery
{
    // the calendar turns local days into UTC instants; DateTime ends at year 9999, and a week is kept before the first day
    // for the default range (the six days before "to")
    internal static readonly DateOnly FirstDay = new(1900, 1, 1);
    internal static readonly DateOnly LastDay = new(9999, 12, 30);

    /// <summary>Why a <c>from</c> or <c>to</c> is outside the days the attendance log can be asked about; null when none is.</summary>
    public static string? OutOfRange(params DateOnly?[] days) => days.Any(d => d < FirstDay || d > LastDay)
        ? $"Dates must be between {FirstDay:yyyy-MM-dd} and {LastDay:yyyy-MM-dd}."
        : null;

    /// <summary>Answers 400 date-out-of-range for an endpoint given a date no local day can be converted for.</summary>
    public static TBuilder RefusingDatesOutOfRange<TBuilder>(this TBuilder endpoints) where TBuilder : IEndpointConventionBuilder =>
        endpoints.AddEndpointFilter(async (context, next) =>
            OutOfRange([.. context.Arguments.OfType<DateOnly>().Select(d => (DateOnly?)d)]) is { } detail
                ? (object?)Problems.Of(StatusCodes.Status400BadRequest, "date-out-of-range", detail)
                : await next(context));

    public static IQueryable<AttendanceEvent> Filter(
        this IQueryable<AttendanceEvent> events, AttendanceCalendar calendar, DateOnly? from, DateOnly? to, Guid? personId = null, bool? offline = null,
        AttendanceMethod? method = null)
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
        if (method is { } by)
        {
            events = events.Where(e => e.Method == by);
        }
        return events;
    }

    /// <summary>The events that count (timesheets, the dashboard, the check-in/check-out rule): not voided.</summary>
    public static IQueryable<AttendanceEvent> Counted(this IQueryable<AttendanceEvent> events) => events.Where(e => !e.Voided);
}
