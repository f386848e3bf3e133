using FaceAttendance.Web.Approvals;
using FaceAttendance.Web.Data;

namespace FaceAttendance.Tests.Web.Approvals;

/// <summary>Which pay period a local day falls in, for each way of paying: the edges of each period, a period that
/// starts before its anchor, February in a leap year, a week across the clocks going forward.</summary>
public sealed class PayPeriodsTests
{
    [Theory]
    // weekly from Monday (the default): a Monday, a Wednesday and a Sunday of the same week
    [InlineData(PayPeriodKind.Weekly, "2024-01-01", "2026-12-07", "2026-12-07", "2026-12-13")]
    [InlineData(PayPeriodKind.Weekly, "2024-01-01", "2026-12-09", "2026-12-07", "2026-12-13")]
    [InlineData(PayPeriodKind.Weekly, "2024-01-01", "2026-12-13", "2026-12-07", "2026-12-13")]
    // the week the clocks go forward in Europe (29 Mar 2026) is a week of local days like any other
    [InlineData(PayPeriodKind.Weekly, "2024-01-01", "2026-03-29", "2026-03-23", "2026-03-29")]
    // weekly from Sunday
    [InlineData(PayPeriodKind.Weekly, "2026-12-06", "2026-12-09", "2026-12-06", "2026-12-12")]
    // every two weeks from an anchor, also before the anchor
    [InlineData(PayPeriodKind.Biweekly, "2026-11-30", "2026-12-13", "2026-11-30", "2026-12-13")]
    [InlineData(PayPeriodKind.Biweekly, "2026-11-30", "2026-12-14", "2026-12-14", "2026-12-27")]
    [InlineData(PayPeriodKind.Biweekly, "2026-11-30", "2026-11-29", "2026-11-16", "2026-11-29")]
    // twice a month: the 15th and 16th, and the end of a leap February
    [InlineData(PayPeriodKind.SemiMonthly, "2024-01-01", "2026-02-15", "2026-02-01", "2026-02-15")]
    [InlineData(PayPeriodKind.SemiMonthly, "2024-01-01", "2026-02-16", "2026-02-16", "2026-02-28")]
    [InlineData(PayPeriodKind.SemiMonthly, "2024-01-01", "2028-02-29", "2028-02-16", "2028-02-29")]
    // monthly
    [InlineData(PayPeriodKind.Monthly, "2024-01-01", "2026-12-31", "2026-12-01", "2026-12-31")]
    [InlineData(PayPeriodKind.Monthly, "2024-01-01", "2026-12-01", "2026-12-01", "2026-12-31")]
    public void TheDayFallsInThePeriodOfItsSetting(PayPeriodKind kind, string anchor, string day, string start, string end)
    {
        var period = PayPeriods.Containing(new PayPeriodSetting { Kind = kind, Anchor = DateOnly.Parse(anchor) }, DateOnly.Parse(day));

        period.Should().Be(new PayPeriod(DateOnly.Parse(start), DateOnly.Parse(end)));
    }

    [Fact]
    public void AWeekIsNamedByItsFirstDayAndAnyOtherPeriodByBothEnds()
    {
        PayPeriods.Containing(PayPeriods.Default, new DateOnly(2026, 12, 9)).ToString().Should().Be("Week of 7 Dec");
        new PayPeriod(new(2026, 2, 1), new(2026, 2, 15)).ToString().Should().Be("Period 1 Feb–15 Feb");
    }
}
