using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Hours;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Sites;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace FaceAttendance.Web.Attendance;

/// <summary>One person's working day as payroll reads it (<see cref="DayFigures"/> says how each figure is made), in
/// the person's <see cref="TimeZone"/>: <see cref="Events"/> are the attendance events it used and <see cref="Trace"/>
/// the rules applied, in words. <see cref="Corrections"/> are the managers' corrections of that day's events.</summary>
public sealed record TimesheetDay(
    Guid? PersonId, string EmployeeId, string Name, DateOnly Date, string TimeZone, string? Shift, DateTimeOffset? FirstIn, DateTimeOffset? LastOut,
    TimeSpan Breaks, TimeSpan Worked, TimeSpan Regular, TimeSpan Overtime, IReadOnlyList<DayFlag> Flags,
    IReadOnlyList<string> Corrections, IReadOnlyList<Guid> Events, IReadOnlyList<string> Trace);

/// <summary>The timesheet of the people an account may see (<see cref="AccessScope"/>): a row per person per day with
/// attendance, corrections or a scheduled shift, from <c>from</c> to <c>to</c> (local dates, inclusive).</summary>
public sealed class Timesheets(AttendanceDbContext db, AccessScope scope, AttendanceCalendar calendar, TimeProvider time)
{
    /// <summary>Every day of every person is worked out, so a timesheet covers at most about a year.</summary>
    public const int MaxDays = 366;

    /// <summary>Why a timesheet cannot cover <paramref name="from"/>..<paramref name="to"/>: reversed, or longer than
    /// <see cref="MaxDays"/>; null when it can.</summary>
    public static Refusal? PeriodRefusal(DateOnly from, DateOnly to) =>
        from > to ? new(StatusCodes.Status400BadRequest, "date-range-reversed", "The first day (from) must not be after the last day (to).")
        : to.DayNumber - from.DayNumber >= MaxDays ? new(StatusCodes.Status400BadRequest, "period-too-long", $"A timesheet covers at most {MaxDays} days: choose a shorter period.")
        : null;

    /// <summary>A day moved by <paramref name="days"/>, kept within the days the attendance log can be asked about.</summary>
    public static DateOnly Padded(DateOnly day, int days) =>
        DateOnly.FromDayNumber(Math.Clamp(day.DayNumber + days, AttendanceQuery.FirstDay.DayNumber, AttendanceQuery.LastDay.DayNumber));

    public async Task<IReadOnlyList<TimesheetDay>> ListAsync(DateOnly from, DateOnly to, Guid? siteId, Guid? departmentId, CancellationToken ct)
    {
        var book = await HoursBook.LoadAsync(db, calendar, from, to, ct);
        // weekly overtime counts from Monday, a night shift ends the next day, and a person's zone may be a day off the organisation's
        var monday = WorkedDays.MondayOf(LocalDate.FromDateOnly(from)).ToDateOnly();
        var events = await scope.Events(siteId, departmentId).AsNoTracking().Include(e => e.Corrections)
            .Filter(calendar, Padded(monday, -2), Padded(to, 2)).ToListAsync(ct);
        var named = events.Select(e => e.PersonId).OfType<Guid>().Distinct().ToList();
        var people = await scope.People(siteId, departmentId)
            .Where(p => db.ScheduledShifts.Any(s => s.PersonId == p.Id || (s.DepartmentId != null && s.DepartmentId == p.DepartmentId)))
            .Concat(db.People.Where(p => named.Contains(p.Id))).AsNoTracking().ToListAsync(ct);
        return Build(events, people.DistinctBy(p => p.Id), book, calendar, from, to, Instant.FromDateTimeOffset(time.GetUtcNow()));
    }

    /// <param name="events">with their corrections, from the Monday of <paramref name="from"/>'s week; voided ones only add their correction note.</param>
    /// <param name="people">those the events name, and those with a schedule (who may be absent).</param>
    public static IReadOnlyList<TimesheetDay> Build(
        IEnumerable<AttendanceEvent> events, IEnumerable<Person> people, HoursBook book, AttendanceCalendar calendar, DateOnly from, DateOnly to, Instant now)
    {
        var known = people.ToDictionary(p => p.Id);
        var byPerson = events.ToLookup(e => e.PersonId?.ToString() ?? $"employee {e.EmployeeId}");
        var everyone = byPerson.Select(g => g.Key).Union(known.Keys.Select(id => id.ToString()));
        return [.. everyone
            .SelectMany(key => Days(known.GetValueOrDefault(Guid.TryParse(key, out var id) ? id : Guid.Empty), [.. byPerson[key].OrderBy(e => e.RecordedAt)],
                book, calendar, from, to, now))
            .OrderBy(d => d.Date).ThenBy(d => d.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    private static IEnumerable<TimesheetDay> Days(
        Person? person, List<AttendanceEvent> events, HoursBook book, AttendanceCalendar calendar, DateOnly from, DateOnly to, Instant now)
    {
        var zone = book.ZoneOf(person);
        var punches = events.Where(e => !e.Voided)
            .Select(e => new Punch(e.Id, At(e), e.Kind, e.RecordedOffline,
                e.PinFaceCheck is { } check && check != PinFaceCheck.Matches));
        var figures = WorkedDays.Compute(punches, book.ScheduleOf(person), book.RulesOf(person), zone, LocalDate.FromDateOnly(from), LocalDate.FromDateOnly(to), now)
            .ToDictionary(d => d.Date.ToDateOnly());
        var corrections = events.Where(e => e.Corrections.Count > 0)
            .ToLookup(e => At(e).InZone(zone).Date.ToDateOnly(),
                e => e.Corrections);
        var (employeeId, name) = events is [.., var latest] ? (latest.EmployeeId, latest.PersonName) : (person!.EmployeeId, person.Name);
        foreach (var date in figures.Keys.Union(corrections.Select(c => c.Key).Where(d => d >= from && d <= to)).Order())
        {
            var notes = corrections[date].SelectMany(c => c).OrderBy(c => c.At).Select(c => AttendanceCsv.Describe(c, calendar)).ToList();
            yield return figures.TryGetValue(date, out var day)
                ? new(person?.Id ?? events[^1].PersonId, employeeId, name, date, zone.Id, day.Shift?.ToString(), day.FirstIn?.ToDateTimeOffset(),
                    day.LastOut?.ToDateTimeOffset(), day.Breaks.ToTimeSpan(), day.Worked.ToTimeSpan(), day.Regular.ToTimeSpan(), day.Overtime.ToTimeSpan(),
                    day.Flags, notes, day.Events, day.Trace)
                : new(person?.Id ?? events[^1].PersonId, employeeId, name, date, zone.Id, null, null, null, TimeSpan.Zero, TimeSpan.Zero,
                    TimeSpan.Zero, TimeSpan.Zero, [], notes, [], ["every event of this day was voided"]);
        }
    }

    private static Instant At(AttendanceEvent e) => Instant.FromDateTimeUtc(DateTime.SpecifyKind(e.RecordedAt, DateTimeKind.Utc));
}
