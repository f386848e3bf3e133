using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Sites;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Hours;

/// <summary>A person recorded at one site and then at another within <see cref="TodaysAlerts.TwoSitesWithin"/>, in local times.</summary>
public sealed record TwoSitePunch(string Name, string EmployeeId, string FirstSite, DateTime FirstAt, string SecondSite, DateTime SecondAt);

/// <summary>What the dashboard asks a manager to look at today, among the people they may see: who is late, absent or
/// still open (the timesheet's own flags, so the two always agree), and who punched at two sites a few minutes apart
/// (nobody travels that fast: a face matched to the wrong person, or a kiosk at the wrong site).</summary>
public sealed record TodaysAlerts(IReadOnlyList<TimesheetDay> Late, IReadOnlyList<TimesheetDay> Absent, IReadOnlyList<TimesheetDay> Open,
    IReadOnlyList<TwoSitePunch> TwoSites)
{
    public static readonly TimeSpan TwoSitesWithin = TimeSpan.FromMinutes(10);

    public static async Task<TodaysAlerts> ReadAsync(
        Timesheets timesheets, AccessScope scope, AttendanceDbContext db, AttendanceCalendar calendar, DateOnly today, CancellationToken ct)
    {
        var days = await timesheets.ListAsync(today, today, null, null, ct);
        var events = await scope.Events().AsNoTracking().Counted().Filter(calendar, today, today).Where(e => e.SiteId != null)
            .OrderBy(e => e.RecordedAt).ToListAsync(ct);
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        return new(
            [.. days.Where(d => d.Flags.Contains(DayFlag.Late))], [.. days.Where(d => d.Flags.Contains(DayFlag.Absent))],
            [.. days.Where(d => d.Flags.Contains(DayFlag.Open) || d.Flags.Contains(DayFlag.AutoClosed))],
            [.. events.GroupBy(e => e.EmployeeId).SelectMany(person => person.Zip(person.Skip(1)))
                .Where(pair => pair.First.SiteId != pair.Second.SiteId && pair.Second.RecordedAt - pair.First.RecordedAt <= TwoSitesWithin)
                .Select(pair => new TwoSitePunch(pair.Second.PersonName, pair.Second.EmployeeId,
                    sites.GetValueOrDefault(pair.First.SiteId!.Value, "a deleted site"), calendar.ToLocal(pair.First.RecordedAt),
                    sites.GetValueOrDefault(pair.Second.SiteId!.Value, "a deleted site"), calendar.ToLocal(pair.Second.RecordedAt)))]);
    }
}
