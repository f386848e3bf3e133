using System.Globalization;
using NodaTime;

namespace FaceAttendance.Web.Hours;

public enum RoundingMode { EmployeeFavour, Nearest }

public enum BreakMode { Punched, Deducted }

/// <summary>How a site's or department's punches become hours. <see cref="RoundToMinutes"/> 0 keeps times as punched;
/// <see cref="BreakMode.Deducted"/> makes a day of at least <see cref="DeductBreakAfter"/> have at least
/// <see cref="DeductedBreak"/> of break (punched breaks count towards it); a check-in without a check-out is closed for
/// review after <see cref="AutoCloseAfter"/> and its time not counted. <see cref="Source"/> names whose rules they are.</summary>
public sealed record PayRules(
    int RoundToMinutes, RoundingMode Rounding, BreakMode Breaks, Duration DeductBreakAfter, Duration DeductedBreak,
    Duration? DailyOvertimeAfter, Duration? WeeklyOvertimeAfter, Duration AutoCloseAfter, string Source)
{
    /// <summary>What applies when nobody set any rules: times as punched, punched breaks, no overtime, open days closed after 16 hours.</summary>
    public static readonly PayRules Default = new(0, RoundingMode.EmployeeFavour, BreakMode.Punched, Duration.FromHours(6),
        Duration.Zero, null, null, Duration.FromHours(16), "built-in default");

    /// <summary>A check-in rounded: down in the employee's favour, else to the nearest step (a half step rounds up).</summary>
    public Instant RoundIn(Instant at, DateTimeZone zone) => Round(at, zone, towardsEarlier: true);

    /// <summary>A check-out rounded: up in the employee's favour, else to the nearest step.</summary>
    public Instant RoundOut(Instant at, DateTimeZone zone) => Round(at, zone, towardsEarlier: false);

    // rounds the local wall-clock time, so "to the quarter hour" means :00, :15, :30, :45 on the site's clocks
    private Instant Round(Instant at, DateTimeZone zone, bool towardsEarlier)
    {
        if (RoundToMinutes == 0)
        {
            return at;
        }
        var step = Duration.FromMinutes(RoundToMinutes).BclCompatibleTicks;
        var ticks = at.InZone(zone).TimeOfDay.TickOfDay;
        var down = ticks - ticks % step;
        var rounded = Rounding == RoundingMode.EmployeeFavour
            ? towardsEarlier || ticks == down ? down : down + step
            : ticks - down >= step / 2 ? down + step : down;
        return at + Duration.FromTicks(rounded - ticks);
    }

    /// <summary>The rules in words, for a day's trace.</summary>
    public string Describe()
    {
        var parts = new List<string>
        {
            RoundToMinutes == 0 ? "times as punched" : $"rounded to {RoundToMinutes} min {(Rounding == RoundingMode.Nearest ? "to the nearest" : "in the employee's favour")}",
            Breaks == BreakMode.Punched ? "punched breaks" : $"at least {Span(DeductedBreak)} break after {Span(DeductBreakAfter)}",
        };
        if (DailyOvertimeAfter is { } daily)
        {
            parts.Add($"overtime after {Span(daily)} a day");
        }
        if (WeeklyOvertimeAfter is { } weekly)
        {
            parts.Add($"overtime after {Span(weekly)} a week");
        }
        parts.Add($"open days closed for review {Span(AutoCloseAfter)} after the check-in");
        return $"{Source}: {string.Join(", ", parts)}";
    }

    /// <summary>A duration as h:mm, the way timesheets show hours.</summary>
    public static string Hours(Duration duration) =>
        $"{(long)duration.TotalHours}:{duration.Minutes.ToString("00", CultureInfo.InvariantCulture)}";

    /// <summary>"8 h", "7 h 30 min", "30 min": a rule's length, which "8:00" would read as a time of day.</summary>
    public static string Span(Duration duration) => ((long)duration.TotalHours, duration.Minutes) switch
    {
        (0, var minutes) => $"{minutes} min",
        (var hours, 0) => $"{hours} h",
        var (hours, minutes) => $"{hours} h {minutes} min",
    };
}
