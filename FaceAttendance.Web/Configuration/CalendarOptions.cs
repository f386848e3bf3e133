using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Configuration;

/// <summary>The top-level <c>FaceAttendance</c> key that <see cref="AttendanceCalendar"/> reads.</summary>
public sealed class CalendarOptions
{
    public const string Section = "FaceAttendance";

    /// <summary>IANA or Windows time zone id that decides which day an event belongs to; unset means the machine's.</summary>
    public string? TimeZone { get; set; }
}

internal sealed class CalendarOptionsValidator : IValidateOptions<CalendarOptions>
{
    public ValidateOptionsResult Validate(string? name, CalendarOptions options) =>
        options.TimeZone is { Length: > 0 } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)
            ? ValidateOptionsResult.Fail($"FaceAttendance:TimeZone '{zone}' is not a time zone this machine knows (try an IANA id such as 'Europe/London').")
            : ValidateOptionsResult.Success;
}
