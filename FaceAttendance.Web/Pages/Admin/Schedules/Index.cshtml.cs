using FaceAttendance.Web.Data;
using FaceAttendance.Web.Hours;
using FaceAttendance.Web.Sites;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pages.Admin.Schedules;

/// <summary>A person's or a department's schedule: a shift per weekday (both times empty: no shift) and one-off changes
/// by date (both times empty: a day off; an empty date drops the row). Saved through <see cref="Hours.Schedules"/>, like the API.</summary>
public sealed class IndexModel(AttendanceDbContext db, AccessScope scope, TimeProvider time) : PageModel
{
    private const int BlankChanges = 3;

    [BindProperty(SupportsGet = true)]
    public Guid? PersonId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? DepartmentId { get; set; }

    [BindProperty]
    public List<DayRow> Week { get; set; } = [];

    [BindProperty]
    public List<ChangeRow> Changes { get; set; } = [];

    public IReadOnlyList<SelectListItem> People { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Departments { get; private set; } = [];

    /// <summary>Whose schedule is open ("Ada", "department Drivers"); null until one is chosen.</summary>
    public string? Whose { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public sealed class DayRow
    {
        public DayOfWeek Day { get; set; }
        public TimeOnly? Start { get; set; }
        public TimeOnly? End { get; set; }
    }

    public sealed class ChangeRow
    {
        public DateOnly? Date { get; set; }
        public TimeOnly? Start { get; set; }
        public TimeOnly? End { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await FindAsync(ct))
        {
            return NotFound();
        }
        if (Whose is not null)
        {
            var lines = await Hours.Schedules.ReadAsync(db, PersonId, PersonId is null ? DepartmentId : null, ct);
            Week = [.. WeekFromMonday().Select(day => lines.Weekly.FirstOrDefault(s => s.Day == day) is { } shift
                ? new DayRow { Day = day, Start = shift.Start, End = shift.End } : new DayRow { Day = day })];
            Changes = [.. lines.Changes.Select(c => new ChangeRow { Date = c.Date, Start = c.Start, End = c.End }), .. Enumerable.Range(0, BlankChanges).Select(_ => new ChangeRow())];
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await FindAsync(ct) || Whose is null)
        {
            return NotFound();
        }
        foreach (var half in Week.Where(d => d.Start is null != d.End is null))
        {
            ModelState.AddModelError(nameof(Week), $"{half.Day} needs both a start and an end, or neither for no shift.");
        }
        var lines = new ScheduleLines(
            [.. Week.Where(d => d is { Start: not null, End: not null }).Select(d => new WeeklyShift(d.Day, d.Start!.Value, d.End!.Value))],
            [.. Changes.Where(c => c.Date is not null).Select(c => new ShiftChange(c.Date!.Value, c.Start, c.End))]);
        if (lines.Refusal() is { } refusal)
        {
            ModelState.AddModelError(nameof(Changes), refusal.Detail);
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await Hours.Schedules.ReplaceAsync(db, HttpContext, time, PersonId, PersonId is null ? DepartmentId : null, Whose, lines, ct);
        Message = $"{Whose}'s schedule saved.";
        return RedirectToPage(new { PersonId, DepartmentId = PersonId is null ? DepartmentId : null });
    }

    /// <summary>Lists the choices and names the chosen person (else department); false when the one chosen is not in the account's scope.</summary>
    private async Task<bool> FindAsync(CancellationToken ct)
    {
        People = await PeopleChoices.ListAsync(scope, ct);
        Departments = await scope.Departments().AsNoTracking().OrderBy(d => d.Name).Select(d => new SelectListItem(d.Name, d.Id.ToString())).ToListAsync(ct);
        Whose = PersonId is { } person ? await scope.People().Where(p => p.Id == person).Select(p => p.Name).SingleOrDefaultAsync(ct)
            : DepartmentId is { } department ? await scope.Departments().Where(d => d.Id == department).Select(d => "department " + d.Name).SingleOrDefaultAsync(ct)
            : null;
        return Whose is not null || (PersonId is null && DepartmentId is null);
    }

    private static IEnumerable<DayOfWeek> WeekFromMonday() => Enumerable.Range(1, 7).Select(i => (DayOfWeek)(i % 7));
}
