using FaceAttendance.Web.Data;
using FaceAttendance.Web.Hours;
using NodaTime;
using NodaTime.Text;

namespace FaceAttendance.Tests.Web.Hours;

/// <summary>The hours rules as a table of weeks someone would recognise: each week's punches (local times in Berlin),
/// schedule and rules, and the days a timesheet shows for it (worked, regular, overtime as h:mm, and the flags).</summary>
public sealed class WorkedDaysTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];
    private static readonly ShiftTimes NineToFive = new(new LocalTime(9, 0), new LocalTime(17, 0));

    public sealed record Week(
        WorkSchedule Schedule, PayRules Rules, string From, string To, string Now, (string At, AttendanceKind Kind)[] Punches, Row[] Days);

    public sealed record Row(string Date, string Worked, string Regular, string Overtime, string Flags = "");

    private static readonly Dictionary<string, Week> Weeks = new()
    {
        ["NightShiftAcrossMidnightBelongsToTheDayItStarted"] = new(
            Weekdays(new ShiftTimes(new LocalTime(22, 0), new LocalTime(6, 0))), PayRules.Default, "2026-03-02", "2026-03-03", "2026-03-04T12:00",
            [("2026-03-02T21:55", AttendanceKind.In), ("2026-03-03T06:02", AttendanceKind.Out),
             ("2026-03-03T22:10", AttendanceKind.In), ("2026-03-04T06:00", AttendanceKind.Out)],
            [new("2026-03-02", "8:07", "8:07", "0:00"), new("2026-03-03", "7:50", "7:50", "0:00", "late")]),
        ["NightShiftAcrossDaylightSavingStartIsAnHourShorter"] = new(
            WorkSchedule.None, PayRules.Default, "2026-03-28", "2026-03-29", "2026-03-30T12:00",
            [("2026-03-28T22:00", AttendanceKind.In), ("2026-03-29T06:00", AttendanceKind.Out)],
            [new("2026-03-28", "7:00", "7:00", "0:00", "unscheduled")]),
        ["NightShiftAcrossDaylightSavingEndIsAnHourLongerAndPaysOvertime"] = new(
            WorkSchedule.None, PayRules.Default with { DailyOvertimeAfter = Duration.FromHours(8) }, "2026-10-24", "2026-10-25", "2026-10-26T12:00",
            [("2026-10-24T22:00", AttendanceKind.In), ("2026-10-25T06:00", AttendanceKind.Out)],
            [new("2026-10-24", "9:00", "8:00", "1:00", "unscheduled")]),
        ["MissedCheckOutIsClosedForReviewAndNotCounted"] = new(
            Weekdays(NineToFive), PayRules.Default with { AutoCloseAfter = Duration.FromHours(12) }, "2026-03-02", "2026-03-04", "2026-03-04T10:00",
            [("2026-03-02T09:00", AttendanceKind.In),
             ("2026-03-03T08:58", AttendanceKind.In), ("2026-03-03T17:00", AttendanceKind.Out),
             ("2026-03-04T09:00", AttendanceKind.In)],
            [new("2026-03-02", "0:00", "0:00", "0:00", "auto-closed"), new("2026-03-03", "8:02", "8:02", "0:00"),
             new("2026-03-04", "0:00", "0:00", "0:00", "open")]),
        ["RoundingInTheEmployeesFavourMovesCheckInDownAndCheckOutUp"] = new(
            WorkSchedule.None, PayRules.Default with { RoundToMinutes = 15 }, "2026-03-02", "2026-03-03", "2026-03-04T12:00",
            [("2026-03-02T09:07:59", AttendanceKind.In), ("2026-03-02T17:00:00", AttendanceKind.Out),
             ("2026-03-03T09:00:01", AttendanceKind.In), ("2026-03-03T17:00:01", AttendanceKind.Out)],
            [new("2026-03-02", "8:00", "8:00", "0:00", "unscheduled"), new("2026-03-03", "8:15", "8:15", "0:00", "unscheduled")]),
        ["RoundingToTheNearestTenMinutesTakesAHalfStepUp"] = new(
            WorkSchedule.None, PayRules.Default with { RoundToMinutes = 10, Rounding = RoundingMode.Nearest }, "2026-03-02", "2026-03-03", "2026-03-04T12:00",
            [("2026-03-02T09:04:59", AttendanceKind.In), ("2026-03-02T17:05:00", AttendanceKind.Out),
             ("2026-03-03T08:55:00", AttendanceKind.In), ("2026-03-03T16:54:59", AttendanceKind.Out)],
            [new("2026-03-02", "8:10", "8:10", "0:00", "unscheduled"), new("2026-03-03", "7:50", "7:50", "0:00", "unscheduled")]),
        ["WeeklyOvertimeCountsFromMondayEvenWhenTheRangeStartsMidweek"] = new(
            WorkSchedule.None, PayRules.Default with { WeeklyOvertimeAfter = Duration.FromHours(40) }, "2026-03-04", "2026-03-09", "2026-03-10T12:00",
            [.. NineHourDays("2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-09")],
            [new("2026-03-04", "9:00", "9:00", "0:00", "unscheduled"), new("2026-03-05", "9:00", "9:00", "0:00", "unscheduled"),
             new("2026-03-06", "9:00", "4:00", "5:00", "unscheduled"), new("2026-03-09", "9:00", "9:00", "0:00", "unscheduled")]),
        ["ADeductedBreakTopsUpPunchedBreaksOnLongDaysOnly"] = new(
            WorkSchedule.None, PayRules.Default with { Breaks = BreakMode.Deducted, DeductBreakAfter = Duration.FromHours(6), DeductedBreak = Duration.FromMinutes(30) },
            "2026-03-02", "2026-03-04", "2026-03-05T12:00",
            [("2026-03-02T08:00", AttendanceKind.In), ("2026-03-02T16:00", AttendanceKind.Out),
             ("2026-03-03T08:00", AttendanceKind.In), ("2026-03-03T12:00", AttendanceKind.BreakStart), ("2026-03-03T12:40", AttendanceKind.BreakEnd), ("2026-03-03T16:00", AttendanceKind.Out),
             ("2026-03-04T08:00", AttendanceKind.In), ("2026-03-04T12:00", AttendanceKind.Out)],
            [new("2026-03-02", "7:30", "7:30", "0:00", "unscheduled"), new("2026-03-03", "7:20", "7:20", "0:00", "unscheduled"),
             new("2026-03-04", "4:00", "4:00", "0:00", "unscheduled")]),
        ["LateLeftEarlyAbsentADayOffAndAChangedShift"] = new(
            Weekdays(NineToFive) with
            {
                Changes = new Dictionary<LocalDate, ShiftTimes?>
                {
                    [new(2026, 3, 5)] = null, [new(2026, 3, 6)] = new(new LocalTime(13, 0), new LocalTime(21, 0)),
                },
            },
            PayRules.Default, "2026-03-02", "2026-03-08", "2026-03-09T12:00",
            [("2026-03-02T09:05", AttendanceKind.In), ("2026-03-02T17:00", AttendanceKind.Out),
             ("2026-03-03T09:00", AttendanceKind.In), ("2026-03-03T16:30", AttendanceKind.Out),
             ("2026-03-06T13:00", AttendanceKind.In), ("2026-03-06T21:00", AttendanceKind.Out),
             ("2026-03-07T10:00", AttendanceKind.In), ("2026-03-07T12:00", AttendanceKind.Out)],
            [new("2026-03-02", "7:55", "7:55", "0:00", "late"), new("2026-03-03", "7:30", "7:30", "0:00", "left-early"),
             new("2026-03-04", "0:00", "0:00", "0:00", "absent"), new("2026-03-06", "8:00", "8:00", "0:00"),
             new("2026-03-07", "2:00", "2:00", "0:00", "unscheduled")]),
    };

    public static TheoryData<string> Names => [.. Weeks.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void AWeekGivesTheDaysAPayrollClerkExpects(string name)
    {
        var week = Weeks[name];
        var punches = week.Punches.Select((p, i) => new Punch(new Guid(i + 1, 0, 0, new byte[8]), Instant(p.At), p.Kind));

        var days = WorkedDays.Compute(punches, week.Schedule, week.Rules, Berlin, Date(week.From), Date(week.To), Instant(week.Now));

        days.Select(d => new Row(d.Date.ToString("uuuu-MM-dd", null), PayRules.Hours(d.Worked), PayRules.Hours(d.Regular), PayRules.Hours(d.Overtime),
            string.Join(",", d.Flags.Select(Kebab)))).Should().Equal(week.Days);
    }

    [Fact]
    public void EveryFigureNamesTheRulesAndEventsThatMadeIt()
    {
        var rules = PayRules.Default with { RoundToMinutes = 15, DailyOvertimeAfter = Duration.FromHours(8), Source = "site Harbour" };
        Punch[] punches = [new(Guid.NewGuid(), Instant("2026-03-02T08:50"), AttendanceKind.In), new(Guid.NewGuid(), Instant("2026-03-02T18:05"), AttendanceKind.Out)];

        var day = WorkedDays.Compute(punches, Weekdays(NineToFive), rules, Berlin, Date("2026-03-02"), Date("2026-03-02"), Instant("2026-03-03T00:00")).Single();

        day.Events.Should().Equal(punches.Select(p => p.EventId));
        day.Trace.Should().Equal(
            "site Harbour: rounded to 15 min in the employee's favour, punched breaks, overtime after 8 h a day, open days closed for review 16 h after the check-in",
            "in 08:50 (→08:45), out 18:05 (→18:15): 9:30",
            "daily overtime: 9:30 worked passes 8:00: 1:30",
            "shift 09:00–17:00 (weekdays, Europe/Berlin)");
    }

    [Fact]
    public void ADayPunchedByPinWhosePhotoDidNotShowThemIsCountedAndFlaggedForReview()
    {
        Punch[] punches = [new(Guid.NewGuid(), Instant("2026-03-02T09:00"), AttendanceKind.In, PinUnconfirmed: true),
            new(Guid.NewGuid(), Instant("2026-03-02T17:00"), AttendanceKind.Out)];

        var day = WorkedDays.Compute(punches, Weekdays(NineToFive), PayRules.Default, Berlin, Date("2026-03-02"), Date("2026-03-02"), Instant("2026-03-03T00:00")).Single();

        PayRules.Hours(day.Worked).Should().Be("8:00");
        day.Flags.Should().Equal(DayFlag.PinUnconfirmed);
        day.Trace.Should().Contain("check-in 09:00 by PIN, its photo not showing them: for review");
    }

    [Fact]
    public void AScheduledShiftThatHasNotStartedYetIsNotAbsent()
    {
        var days = WorkedDays.Compute([], Weekdays(NineToFive), PayRules.Default, Berlin, Date("2026-03-02"), Date("2026-03-02"), Instant("2026-03-02T08:59"));

        days.Should().BeEmpty();
    }

    private static WorkSchedule Weekdays(ShiftTimes shift) => new(
        new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Tuesday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Thursday, IsoDayOfWeek.Friday }.ToDictionary(d => d, _ => shift),
        new Dictionary<LocalDate, ShiftTimes?>(), "weekdays");

    private static IEnumerable<(string, AttendanceKind)> NineHourDays(params string[] dates) =>
        dates.SelectMany(d => new[] { ($"{d}T08:00", AttendanceKind.In), ($"{d}T17:00", AttendanceKind.Out) });

    private static LocalDate Date(string text) => LocalDatePattern.Iso.Parse(text).Value;

    private static Instant Instant(string local) =>
        Berlin.AtLeniently(LocalDateTimePattern.GeneralIso.Parse(local.Length == 16 ? local + ":00" : local).Value).ToInstant();

    private static string Kebab(DayFlag flag) => string.Concat(flag.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? $"-{char.ToLowerInvariant(c)}" : $"{char.ToLowerInvariant(c)}"));
}
