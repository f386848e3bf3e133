using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Sites;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pages.Admin.Attendance;

/// <summary>Add a check-in or check-out the kiosk missed, at the local time it happened, with the reason.</summary>
public sealed class AddModel(AccessScope scope, AttendanceCorrections corrections, AttendanceCalendar calendar, TimeProvider time) : PageModel
{
    public IReadOnlyList<SelectListItem> People { get; private set; } = [];

    [BindProperty, Required(ErrorMessage = "Choose the person.")]
    public Guid? PersonId { get; set; }

    [BindProperty]
    public AttendanceKind Kind { get; set; } = AttendanceKind.In;

    [BindProperty, Required(ErrorMessage = "Give the day.")]
    public DateOnly? Date { get; set; }

    [BindProperty, Required(ErrorMessage = "Give the time.")]
    public TimeOnly? Time { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Date = calendar.DayOf(time.GetUtcNow().UtcDateTime);
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        var local = Date!.Value.ToDateTime(Time!.Value, DateTimeKind.Unspecified);
        var outcome = await corrections.AddAsync(PersonId!.Value, Kind, TimeZoneInfo.ConvertTimeToUtc(local, calendar.TimeZone), siteId: null, Reason, cancellationToken);
        if (outcome.Event is { } added)
        {
            TempData["AttendanceMessage"] = $"{Kind.Words()} for {added.PersonName} at {Time:HH:mm} added. The reason is kept with it.";
            return RedirectToPage("Index", new { from = Date.Value.ToString("yyyy-MM-dd"), to = Date.Value.ToString("yyyy-MM-dd") });
        }
        ModelState.AddModelError(string.Empty, outcome.Detail!);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        People = await PeopleChoices.ListAsync(scope, cancellationToken);
}
