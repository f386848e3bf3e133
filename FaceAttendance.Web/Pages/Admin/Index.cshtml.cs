using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pages.Admin;

/// <summary>Dashboard: who is in today and how many people came each day over the last 30 days.</summary>
public sealed class IndexModel(AttendanceDbContext db, AttendanceCalendar calendar, TimeProvider time) : PageModel
{
    private const int ChartDays = 30;

    public int PeopleCount { get; private set; }
    public int PresentToday { get; private set; }
    public int EventsToday { get; private set; }

    /// <summary>Today's decided scans that named somebody, counted by the same result names the scans metric carries.</summary>
    public int RecognisedToday { get; private set; }
    public int UnknownToday { get; private set; }

    /// <summary>Recognised scans among those that showed one usable face (refused scans excluded); null without any.</summary>
    public double? RecognitionRateToday => RecognisedToday + UnknownToday is > 0 and var faces ? (double)RecognisedToday / faces : null;
    public DailyAttendanceChart Chart { get; private set; } = DailyAttendanceChart.From([], default);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var today = calendar.DayOf(time.GetUtcNow().UtcDateTime);
        var events = await db.AttendanceEvents.AsNoTracking().Counted().Filter(calendar, today.AddDays(1 - ChartDays), today)
            .Select(e => new { e.EmployeeId, e.RecordedAt })
            .ToListAsync(cancellationToken);
        // days follow the configured time zone, which SQLite cannot compute, so group in memory (30 days is small)
        var peoplePerDay = events
            .GroupBy(e => calendar.DayOf(e.RecordedAt))
            .ToDictionary(g => g.Key, g => g.Select(e => e.EmployeeId).Distinct().Count());
        var days = Enumerable.Range(0, ChartDays)
            .Select(i => today.AddDays(i + 1 - ChartDays))
            .Select(day => (day, peoplePerDay.GetValueOrDefault(day)))
            .ToList();

        PeopleCount = await db.People.CountAsync(cancellationToken);
        PresentToday = peoplePerDay.GetValueOrDefault(today);
        EventsToday = events.Count(e => calendar.DayOf(e.RecordedAt) == today);
        Chart = DailyAttendanceChart.From(days, today);

        var todayStarted = calendar.StartOfDayUtc(today);
        var results = await db.ScanDecisions.AsNoTracking().Where(d => d.DecidedAt >= todayStarted)
            .GroupBy(d => d.Result).Select(g => new { Result = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Result, g => g.Count, cancellationToken);
        RecognisedToday = ScanResults.Recognised.Sum(result => results.GetValueOrDefault(result));
        UnknownToday = results.GetValueOrDefault(ScanResults.Unknown);
    }
}
