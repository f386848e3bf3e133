using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Sites;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pages.Admin.Attendance;

/// <summary>Correct one event: void it, or give it to the right person, with the reason (<see cref="AttendanceCorrections"/>).</summary>
public sealed class CorrectModel(AccessScope scope, AttendanceCorrections corrections, AttendanceCalendar calendar) : PageModel
{
    public AttendanceEvent Event { get; private set; } = null!;
    public DateTime LocalTime => calendar.ToLocal(Event.RecordedAt);
    public IReadOnlyList<string> History { get; private set; } = [];
    public IReadOnlyList<SelectListItem> People { get; private set; } = [];

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public Guid? PersonId { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostVoidAsync(Guid id, CancellationToken cancellationToken) =>
        ApplyAsync(id, corrections.VoidAsync(id, Reason, cancellationToken), "voided", cancellationToken);

    public Task<IActionResult> OnPostReassignAsync(Guid id, CancellationToken cancellationToken) =>
        PersonId is { } personId
            ? ApplyAsync(id, corrections.ReassignAsync(id, personId, Reason, cancellationToken), "given to the right person", cancellationToken)
            : RefuseAsync(id, "Choose the person the event belongs to.", cancellationToken);

    private async Task<IActionResult> ApplyAsync(Guid id, Task<CorrectionOutcome> correcting, string done, CancellationToken cancellationToken)
    {
        var outcome = await correcting;
        if (outcome.Event is { } corrected)
        {
            TempData["AttendanceMessage"] = $"{corrected.PersonName}'s {corrected.Kind.InSentence()} at " +
                $"{calendar.ToLocal(corrected.RecordedAt):HH:mm} was {done}. The correction is kept with it.";
            var day = calendar.DayOf(corrected.RecordedAt);
            return RedirectToPage("Index", new { from = day.ToString("yyyy-MM-dd"), to = day.ToString("yyyy-MM-dd") });
        }
        return outcome.Status == StatusCodes.Status404NotFound && outcome.Code == "event-not-found"
            ? NotFound()
            : await RefuseAsync(id, outcome.Detail!, cancellationToken);
    }

    private async Task<IActionResult> RefuseAsync(Guid id, string why, CancellationToken cancellationToken)
    {
        ModelState.AddModelError(string.Empty, why);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await scope.Events().AsNoTracking().Include(e => e.Corrections).SingleOrDefaultAsync(e => e.Id == id, cancellationToken) is not { } recorded)
        {
            return false;
        }
        Event = recorded;
        History = [.. recorded.Corrections.OrderBy(c => c.At).Select(c => AttendanceCsv.Describe(c, calendar))];
        People = await PeopleChoices.ListAsync(scope, cancellationToken, except: recorded.PersonId);
        return true;
    }
}
