using System.Globalization;
using FaceAttendance.Web.Data;

namespace FaceAttendance.Web.Approvals;

/// <summary>A pay period: its first and last local day, both inclusive.</summary>
public readonly record struct PayPeriod(DateOnly Start, DateOnly End)
{
    public bool Contains(DateOnly day) => Start <= day && day <= End;

    /// <summary>"Week of 7 Dec" for a week, "Period 1 Dec–15 Dec" otherwise: how refusals and pages name it.</summary>
    public override string ToString() => End.DayNumber - Start.DayNumber == 6
        ? $"Week of {Start.ToString("d MMM", CultureInfo.InvariantCulture)}"
        : $"Period {Start.ToString("d MMM", CultureInfo.InvariantCulture)}–{End.ToString("d MMM", CultureInfo.InvariantCulture)}";
}

/// <summary>Which pay period a local day falls in, under the organisation's <see cref="PayPeriodSetting"/>: plain
/// calendar arithmetic over local dates, so a time zone or daylight-saving change cannot move a period.</summary>
public static class PayPeriods
{
    /// <summary>Weekly from Monday: what an organisation that set nothing pays by.</summary>
    public static readonly PayPeriodSetting Default = new() { Kind = PayPeriodKind.Weekly, Anchor = new DateOnly(2024, 1, 1) };

    public static PayPeriod Containing(PayPeriodSetting setting, DateOnly day) => setting.Kind switch
    {
        PayPeriodKind.Weekly => Steps(setting.Anchor, day, 7),
        PayPeriodKind.Biweekly => Steps(setting.Anchor, day, 14),
        PayPeriodKind.SemiMonthly => day.Day <= 15
            ? new(new(day.Year, day.Month, 1), new(day.Year, day.Month, 15))
            : new(new(day.Year, day.Month, 16), LastOfMonth(day)),
        PayPeriodKind.Monthly => new(new(day.Year, day.Month, 1), LastOfMonth(day)),
        var other => throw new ArgumentOutOfRangeException(nameof(setting), other, "Unknown pay period kind."),
    };

    private static PayPeriod Steps(DateOnly anchor, DateOnly day, int length)
    {
        var offset = ((day.DayNumber - anchor.DayNumber) % length + length) % length;
        var start = day.AddDays(-offset);
        return new(start, start.AddDays(length - 1));
    }

    private static DateOnly LastOfMonth(DateOnly day) => new(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month));
}
