using System.Globalization;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using NodaTime;

namespace FaceAttendance.Web.Hours;

/// <summary>One counted attendance event of one person. <see cref="PinUnconfirmed"/>: punched with a PIN whose snapshot
/// did not show them (<see cref="PinFaceCheck"/> other than Matches).</summary>
public sealed record Punch(Guid EventId, Instant At, AttendanceKind Kind, bool Offline = false, bool PinUnconfirmed = false);

public enum DayFlag { Late, LeftEarly, Absent, Unscheduled, AutoClosed, Open, Offline, PinUnconfirmed }

/// <summary>One person's working day: the figures, what made them (<see cref="Events"/> used and the <see cref="Trace"/>
/// of rules applied, in words) and what needs a look (<see cref="Flags"/>). A shift that crosses midnight is the day it
/// started on; times are the site's wall-clock times.</summary>
public sealed record DayFigures(
    LocalDate Date, ShiftTimes? Shift, ZonedDateTime? FirstIn, ZonedDateTime? LastOut, Duration Breaks, Duration Worked,
    Duration Regular, Duration Overtime, IReadOnlyList<DayFlag> Flags, IReadOnlyList<Guid> Events, IReadOnlyList<string> Trace);

/// <summary>
/// The rules that turn one person's punches into paid hours, as a plain function of local dates and times. Punches pair
/// into sessions (check-in to the next check-out, with the breaks punched between); a session belongs to the day of its
/// check-in. A check-in with no check-out is not counted: it is open until <see cref="PayRules.AutoCloseAfter"/> has
/// passed or the person checks in again, then auto-closed for review. Weekly overtime counts from Monday, so the days
/// are worked out from the Monday of <c>from</c>'s week (the punches must cover it, and the night before).
/// </summary>
public static class WorkedDays
{
    /// <summary>The first day of <paramref name="date"/>'s week: weekly overtime counts from Monday.</summary>
    public static LocalDate MondayOf(LocalDate date) => date.With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));

    /// <param name="CheckedInAgain">a check-in followed it before any check-out: it will never get one by itself.</param>
    private sealed record Session(Punch In, Punch? Out, List<(Punch Start, Punch? End)> Breaks, bool CheckedInAgain = false);

    public static IReadOnlyList<DayFigures> Compute(
        IEnumerable<Punch> punches, WorkSchedule schedule, PayRules rules, DateTimeZone zone, LocalDate from, LocalDate to, Instant now)
    {
        var (sessions, strays) = Pair([.. punches.OrderBy(p => p.At)]);
        var byDay = sessions.ToLookup(s => s.In.At.InZone(zone).Date);
        var straysByDay = strays.ToLookup(p => p.At.InZone(zone).Date);
        var monday = MondayOf(from);
        var days = new List<DayFigures>();
        var weekRegular = Duration.Zero;
        for (var date = monday; date <= to; date = date.PlusDays(1))
        {
            if (date.DayOfWeek == IsoDayOfWeek.Monday)
            {
                weekRegular = Duration.Zero;
            }
            if (Day(date, [.. byDay[date]], [.. straysByDay[date]], schedule, rules, zone, now) is not { } day)
            {
                continue;
            }
            if (rules.WeeklyOvertimeAfter is { } weekly && weekRegular + day.Regular > weekly)
            {
                var over = weekRegular + day.Regular - weekly;
                day = day with
                {
                    Regular = day.Regular - over, Overtime = day.Overtime + over,
                    Trace = [.. day.Trace, $"weekly overtime: {PayRules.Hours(weekRegular + day.Regular)} regular this week passes {PayRules.Hours(weekly)}: {PayRules.Hours(over)} more overtime"],
                };
            }
            weekRegular += day.Regular;
            if (date >= from)
            {
                days.Add(day);
            }
        }
        return days;
    }

    /// <summary>Check-ins and check-outs paired into sessions; a check-out, break start or break end with nothing to
    /// pair with is a stray, shown in the trace and not counted.</summary>
    private static (List<Session> Sessions, List<Punch> Strays) Pair(List<Punch> punches)
    {
        var sessions = new List<Session>();
        var strays = new List<Punch>();
        Session? open = null;
        foreach (var punch in punches)
        {
            switch (punch.Kind)
            {
                case AttendanceKind.In:
                    if (open is not null)
                    {
                        sessions.Add(open with { CheckedInAgain = true });
                    }
                    open = new Session(punch, null, []);
                    break;
                case AttendanceKind.Out when open is not null:
                    sessions.Add(open with { Out = punch });
                    open = null;
                    break;
                case AttendanceKind.BreakStart when open is not null && open.Breaks is not [.., (_, null)]:
                    open.Breaks.Add((punch, null));
                    break;
                case AttendanceKind.BreakEnd when open is { Breaks: [.., (var start, null)] }:
                    open.Breaks[^1] = (start, punch);
                    break;
                default:
                    strays.Add(punch);
                    break;
            }
        }
        if (open is not null)
        {
            sessions.Add(open);
        }
        return (sessions, strays);
    }

    private static DayFigures? Day(
        LocalDate date, List<Session> sessions, List<Punch> strays, WorkSchedule schedule, PayRules rules, DateTimeZone zone, Instant now)
    {
        var shift = schedule.ShiftOn(date);
        var shiftTimes = shift?.On(date, zone);
        if (sessions.Count == 0 && strays.Count == 0 && !(shiftTimes is { } started && started.Start <= now))
        {
            return null;
        }
        var flags = new List<DayFlag>();
        var trace = new List<string> { rules.Describe() };
        var spans = Duration.Zero;
        var breaks = Duration.Zero;
        foreach (var session in sessions)
        {
            if (session.Out is not { } checkOut)
            {
                var closesAt = session.In.At + rules.AutoCloseAfter;
                var autoClosed = closesAt <= now || session.CheckedInAgain;
                flags.Add(autoClosed ? DayFlag.AutoClosed : DayFlag.Open);
                trace.Add(autoClosed
                    ? $"in {Time(session.In.At, zone)} has no check-out: closed for review, not counted until one is added"
                    : $"in {Time(session.In.At, zone)}: still checked in, not counted yet (closed for review at {Time(closesAt, zone)})");
                continue;
            }
            var start = rules.RoundIn(session.In.At, zone);
            var end = rules.RoundOut(checkOut.At, zone);
            var span = end > start ? end - start : Duration.Zero;
            spans += span;
            trace.Add($"in {Time(session.In.At, zone)}{Rounded(session.In.At, start, zone)}, out {Time(checkOut.At, zone)}{Rounded(checkOut.At, end, zone)}: {PayRules.Hours(span)}");
            foreach (var (breakStart, breakEnd) in session.Breaks)
            {
                var until = breakEnd?.At ?? checkOut.At;
                breaks += until - breakStart.At;
                trace.Add($"break {Time(breakStart.At, zone)}–{Time(until, zone)}{(breakEnd is null ? " (no break end: until the check-out)" : "")}: {PayRules.Hours(until - breakStart.At)}");
            }
        }
        if (rules.Breaks == BreakMode.Deducted && spans >= rules.DeductBreakAfter && breaks < rules.DeductedBreak)
        {
            trace.Add($"break deducted: {PayRules.Hours(rules.DeductedBreak - breaks)} to make {PayRules.Hours(rules.DeductedBreak)} after {PayRules.Hours(rules.DeductBreakAfter)}");
            breaks = rules.DeductedBreak;
        }
        var worked = spans > breaks ? spans - breaks : Duration.Zero;
        var overtime = rules.DailyOvertimeAfter is { } daily && worked > daily ? worked - daily : Duration.Zero;
        if (overtime > Duration.Zero)
        {
            trace.Add($"daily overtime: {PayRules.Hours(worked)} worked passes {PayRules.Hours(rules.DailyOvertimeAfter!.Value)}: {PayRules.Hours(overtime)}");
        }
        var firstIn = sessions.FirstOrDefault()?.In.At;
        var lastOut = sessions.LastOrDefault(s => s.Out is not null)?.Out!.At;
        if (shiftTimes is { } scheduled)
        {
            trace.Add($"shift {shift} ({(shift!.CrossesMidnight ? "ends the next day, " : "")}{schedule.Source}, {zone.Id})");
            if (firstIn is null)
            {
                flags.Add(DayFlag.Absent);
                trace.Add($"absent: the shift started at {Time(scheduled.Start, zone)} and nobody checked in");
            }
            else if (firstIn > scheduled.Start)
            {
                flags.Add(DayFlag.Late);
                trace.Add($"late: in {Time(firstIn.Value, zone)}, {PayRules.Hours(firstIn.Value - scheduled.Start)} after the shift's start");
            }
            if (lastOut is { } left && left < scheduled.End && sessions[^1].Out is not null)
            {
                flags.Add(DayFlag.LeftEarly);
                trace.Add($"left early: out {Time(left, zone)}, {PayRules.Hours(scheduled.End - left)} before the shift's end");
            }
        }
        else if (sessions.Count > 0)
        {
            flags.Add(DayFlag.Unscheduled);
            trace.Add("unscheduled: no shift on this day");
        }
        trace.AddRange(strays.Select(p => $"{p.Kind.InSentence()} {Time(p.At, zone)} pairs with nothing: not counted"));
        var used = sessions.SelectMany(s => new[] { s.In, s.Out }.Concat(s.Breaks.SelectMany(b => new[] { b.Start, b.End }))).OfType<Punch>().ToList();
        if (used.Concat(strays).Any(p => p.Offline))
        {
            flags.Add(DayFlag.Offline);
        }
        var unconfirmed = used.Concat(strays).Where(p => p.PinUnconfirmed).ToList();
        if (unconfirmed.Count > 0)
        {
            flags.Add(DayFlag.PinUnconfirmed);
            trace.AddRange(unconfirmed.Select(p => $"{p.Kind.InSentence()} {Time(p.At, zone)} by PIN, its photo not showing them: for review"));
        }
        return new DayFigures(date, shift, firstIn?.InZone(zone), lastOut?.InZone(zone), breaks, worked,
            worked - overtime, overtime, flags, [.. used.Concat(strays).OrderBy(p => p.At).Select(p => p.EventId)], trace);
    }

    private static string Time(Instant at, DateTimeZone zone) => at.InZone(zone).ToString("HH:mm", CultureInfo.InvariantCulture);

    private static string Rounded(Instant raw, Instant rounded, DateTimeZone zone) => raw == rounded ? "" : $" (→{Time(rounded, zone)})";

}
