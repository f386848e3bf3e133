namespace FaceAttendance.Web.Configuration;

/// <summary>Turns UTC instants into the working days of the configured time zone and back.</summary>
public sealed class AttendanceCalendar(CalendarOptions options)
{
    public TimeZoneInfo TimeZone { get; } = options.TimeZone is { Length: > 0 } id
        ? TimeZoneInfo.FindSystemTimeZoneById(id)
        : TimeZoneInfo.Local;

    public DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);

    public DateOnly DayOf(DateTime utc) => DateOnly.FromDateTime(ToLocal(utc));

    /// <summary>UTC start of the local day; a day that starts inside a DST gap starts at the gap's end.</summary>
    public DateTime StartOfDayUtc(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, TimeZone);
    }
}
