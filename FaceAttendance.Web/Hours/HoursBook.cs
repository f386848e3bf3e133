using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using NodaTime.Extensions;

namespace FaceAttendance.Web.Hours;

/// <summary>
/// What each person's hours are worked out with, read once per request: their time zone (their home site's, else the
/// organisation's), their schedule (their own when they have one, else their department's) and their pay rules (their
/// department's, else their home site's, else the organisation's, else <see cref="PayRules.Default"/>).
/// </summary>
public sealed class HoursBook(
    IReadOnlyList<ScheduledShift> shifts, IReadOnlyList<PayRuleSet> ruleSets, IReadOnlyList<Site> sites, IReadOnlyList<Department> departments,
    DateTimeZone organisationZone)
{
    private readonly ILookup<Guid?, ScheduledShift> byPerson = shifts.Where(s => s.PersonId is not null).ToLookup(s => s.PersonId);
    private readonly ILookup<Guid?, ScheduledShift> byDepartment = shifts.Where(s => s.DepartmentId is not null).ToLookup(s => s.DepartmentId);
    private readonly Dictionary<string, PayRuleSet> rules = ruleSets.ToDictionary(r => r.Scope);
    private readonly Dictionary<Guid, Site> sites = sites.ToDictionary(s => s.Id);
    private readonly Dictionary<Guid, string> departments = departments.ToDictionary(d => d.Id, d => d.Name);

    /// <summary>Reads the schedules' weekly shifts and the one-off changes from <paramref name="from"/> to
    /// <paramref name="to"/> (a few days either side, for night shifts and time zones), and every pay rule set.</summary>
    public static async Task<HoursBook> LoadAsync(AttendanceDbContext db, AttendanceCalendar calendar, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var (first, last) = (Attendance.Timesheets.Padded(from, -9), Attendance.Timesheets.Padded(to, 2));
        return new(
            await db.ScheduledShifts.AsNoTracking().Where(s => s.Date == null || (s.Date >= first && s.Date <= last)).ToListAsync(ct),
            await db.PayRuleSets.AsNoTracking().ToListAsync(ct), await db.Sites.AsNoTracking().ToListAsync(ct),
            await db.Departments.AsNoTracking().ToListAsync(ct), ZoneOf(calendar.TimeZone));
    }

    /// <summary>The tzdb zone of a .NET time zone (IANA ids on Linux and macOS, converted from Windows ones), else
    /// .NET's own rules wrapped.</summary>
    public static DateTimeZone ZoneOf(TimeZoneInfo zone) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(zone.Id)
        ?? (TimeZoneInfo.TryConvertWindowsIdToIanaId(zone.Id, out var iana) ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(iana) : null)
        ?? NodaTime.TimeZones.BclDateTimeZone.FromTimeZoneInfo(zone);

    public DateTimeZone ZoneOf(Person? person) =>
        person?.HomeSiteId is { } site && sites.TryGetValue(site, out var home) && DateTimeZoneProviders.Tzdb.GetZoneOrNull(home.TimeZone) is { } zone
            ? zone
            : organisationZone;

    public WorkSchedule ScheduleOf(Person? person)
    {
        if (person is null)
        {
            return WorkSchedule.None;
        }
        if (byPerson[person.Id].ToList() is { Count: > 0 } own)
        {
            return Schedule(own, $"{person.Name}'s schedule");
        }
        return person.DepartmentId is { } department && byDepartment[department].ToList() is { Count: > 0 } shared
            ? Schedule(shared, $"{departments.GetValueOrDefault(department)}'s schedule")
            : WorkSchedule.None;
    }

    public PayRules RulesOf(Person? person)
    {
        if (person?.DepartmentId is { } department && rules.TryGetValue(PayRuleSet.ScopeOf(null, department), out var ofDepartment))
        {
            return Rules(ofDepartment, $"{departments.GetValueOrDefault(department)}'s rules");
        }
        if (person?.HomeSiteId is { } site && rules.TryGetValue(PayRuleSet.ScopeOf(site, null), out var ofSite))
        {
            return Rules(ofSite, $"{sites.GetValueOrDefault(site)?.Name}'s rules");
        }
        return rules.TryGetValue(PayRuleSet.Organisation, out var ofOrganisation) ? Rules(ofOrganisation, "organisation's rules") : PayRules.Default;
    }

    /// <summary>The schedule the stored lines make, read as the API shows them (<see cref="ScheduleLines.Of"/>).</summary>
    public static WorkSchedule Schedule(IEnumerable<ScheduledShift> lines, string source)
    {
        var schedule = ScheduleLines.Of(lines);
        return new(
            schedule.Weekly.ToDictionary(s => NodaTime.Utility.BclConversions.ToIsoDayOfWeek(s.Day), s => new ShiftTimes(s.Start.ToLocalTime(), s.End.ToLocalTime())),
            schedule.Changes.ToDictionary(c => c.Date.ToLocalDate(),
                c => c is { Start: { } start, End: { } end } ? new ShiftTimes(start.ToLocalTime(), end.ToLocalTime()) : null),
            source);
    }

    public static PayRules Rules(PayRuleSet set, string source) => new(
        set.RoundToMinutes, set.Rounding, set.Breaks, Duration.FromMinutes(set.DeductBreakAfterMinutes), Duration.FromMinutes(set.DeductedBreakMinutes),
        set.DailyOvertimeAfterMinutes is { } daily ? Duration.FromMinutes(daily) : null,
        set.WeeklyOvertimeAfterMinutes is { } weekly ? Duration.FromMinutes(weekly) : null,
        Duration.FromMinutes(set.AutoCloseAfterMinutes), source);
}
