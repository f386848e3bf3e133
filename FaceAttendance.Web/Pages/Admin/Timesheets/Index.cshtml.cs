using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Sites;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using FaceAttendance.Web.Localization;

namespace FaceAttendance.Web.Pages.Admin.Timesheets;

/// <summary>Per person per day: first in, last out and worked time, plus each person's total for the period.</summary>
public sealed class IndexModel(AttendanceDbContext db, AccessScope scope, AttendanceCalendar calendar, TimeProvider time, IStringLocalizer<AdminTexts> texts) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? SiteId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? DepartmentId { get; set; }

    public SiteChoices Filters { get; private set; } = new([], []);

    [BindProperty(SupportsGet = true)]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public DateOnly? To { get; set; }

    public IReadOnlyList<TimesheetDay> Days { get; private set; } = [];
    public IReadOnlyList<PersonTotal> Totals { get; private set; } = [];

    public sealed record PersonTotal(string Name, string EmployeeId, int Days, TimeSpan Worked);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filters = await SiteChoices.ListAsync(db, SiteId, DepartmentId, cancellationToken);
        if (AttendanceQuery.OutOfRange(From, To) is { } outOfRange)
        {
            ModelState.AddModelError(nameof(To), outOfRange);
            return;
        }
        To ??= calendar.DayOf(time.GetUtcNow().UtcDateTime);
        From ??= To.Value.AddDays(-6);
        if (From > To)
        {
            ModelState.AddModelError(nameof(From), texts["filters.first-after-last"]);
            return;
        }
        var events = await scope.Events(SiteId, DepartmentId).AsNoTracking().Include(e => e.Corrections).Filter(calendar, From, To).ToListAsync(cancellationToken);
        Days = FaceAttendance.Web.Attendance.Timesheets.Build(events, calendar);
        Totals = [.. Days.GroupBy(d => d.EmployeeId)
            .Select(g => new PersonTotal(g.Last().Name, g.Key, g.Count(d => d.FirstIn is not null || d.LastOut is not null), new TimeSpan(g.Sum(d => d.Worked.Ticks))))
            .OrderBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    public static string Hours(TimeSpan worked) => $"{(int)worked.TotalHours}:{worked.Minutes:00}";
}
