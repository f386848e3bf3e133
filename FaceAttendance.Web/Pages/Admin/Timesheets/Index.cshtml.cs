using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Hours;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;

namespace FaceAttendance.Web.Pages.Admin.Timesheets;

/// <summary>Per person per day: the figures payroll pays with their flags and how they were made, each person's totals
/// for the period, and the period's exports.</summary>
public sealed class IndexModel(AttendanceDbContext db, FaceAttendance.Web.Attendance.Timesheets timesheets, AttendanceCalendar calendar, TimeProvider time) : PageModel
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

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filters = await SiteChoices.ListAsync(db, SiteId, DepartmentId, cancellationToken);
        if (AttendanceQuery.OutOfRange(From, To) is { } outOfRange)
        {
            ModelState.AddModelError(nameof(To), outOfRange);
            return;
        }
        To ??= calendar.DayOf(time.GetUtcNow().UtcDateTime);
        From ??= FaceAttendance.Web.Attendance.Timesheets.Padded(To.Value, -6);
        if (FaceAttendance.Web.Attendance.Timesheets.PeriodRefusal(From.Value, To.Value) is { } refusal)
        {
            ModelState.AddModelError(nameof(From), refusal.Detail);
            return;
        }
        Days = await timesheets.ListAsync(From.Value, To.Value, SiteId, DepartmentId, cancellationToken);
        Totals = PersonTotal.Of(Days);
    }

    /// <summary>The period's export in <paramref name="format"/> (csv, xlsx), with the filters chosen (the API refuses an empty id).</summary>
    public string ExportUrl(string format) => $"/api/timesheets.{format}?from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}"
        + (SiteId is { } site ? $"&siteId={site}" : "") + (DepartmentId is { } department ? $"&departmentId={department}" : "");

    public static string Hours(TimeSpan worked) => $"{(int)worked.TotalHours}:{worked.Minutes:00}";

    public static string Flags(IEnumerable<DayFlag> flags) => string.Join(", ", flags.Select(TimesheetExport.Flag));
}
