using System.Text.Json;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Sites;
using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pages.Admin.Unknown;

/// <summary>
/// Scans of faces nobody enrolled matched, newest first. With <c>Kiosk:KeepUnknownSnapshots</c> their photos are kept
/// (until retention), and an admin who recognises the person can enrol that photo for them after confirming it.
/// </summary>
public sealed class IndexModel(
    AttendanceDbContext db, AccessScope scope, IObjectStore store, KeptSnapshots snapshots, FaceEnrolment enrolment, AttendanceCalendar calendar, KioskOptions kiosk,
    SnapshotRetentionOptions retention) : PageModel
{
    private const int Shown = 100;

    public sealed record Attempt(string Key, DateTime LocalTime, float Similarity, bool HasPhoto, string? EnrolledAs);

    public IReadOnlyList<Attempt> Attempts { get; private set; } = [];
    public IReadOnlyList<SelectListItem> People { get; private set; } = [];
    public bool KeepsPhotos => kiosk.KeepUnknownSnapshots;
    public int RetentionDays => retention.SnapshotRetentionDays;

    [BindProperty]
    public string? Key { get; set; }

    [BindProperty]
    public Guid? PersonId { get; set; }

    [BindProperty]
    public bool Confirmed { get; set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostEnrolAsync(CancellationToken cancellationToken)
    {
        var decision = Key is null ? null : await db.ScanDecisions.SingleOrDefaultAsync(
            d => d.SnapshotKey == Key && d.Result == ScanResults.Unknown && d.KeepsSnapshot && d.EnrolledAs == null, cancellationToken);
        var person = PersonId is { } id ? await scope.People().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) : null;
        var photo = decision is null ? null : await snapshots.ReadAsync(decision.SnapshotKey, cancellationToken);
        var problem = (decision, photo, person, Confirmed) switch
        {
            (null, _, _, _) or (_, null, _, _) => "That photo is no longer kept.",
            (_, _, null, _) => "Choose who it is.",
            (_, _, _, false) => "Confirm that the photo shows this person.",
            _ => null,
        };
        if (problem is null)
        {
            var outcome = await enrolment.EnrolAsync(person!, new UploadedImage(photo!, ObjectKeys.ContentTypeOf(decision!.SnapshotKey)), force: false, cancellationToken);
            if (outcome.Problem is { } refusal)
            {
                problem = EnrolmentVerdicts.Refused(refusal).Words;
            }
            else
            {
                // the enrolment keeps its own copy under the person's faces; the snapshot is no longer needed
                decision.EnrolledAs = person!.Name;
                decision.KeepsSnapshot = false;
                await db.SaveChangesAsync(cancellationToken);
                await store.DeleteAsync(decision.SnapshotKey, cancellationToken);
                TempData["UnknownMessage"] = $"The photo was enrolled for {person.Name}: the kiosk will recognise them from now on.";
                return RedirectToPage();
            }
        }
        ModelState.AddModelError(string.Empty, problem);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var decisions = await db.ScanDecisions.AsNoTracking().Where(d => d.Result == ScanResults.Unknown)
            .OrderByDescending(d => d.DecidedAt).Take(Shown)
            .Select(d => new { d.SnapshotKey, d.DecidedAt, d.Outcome, d.KeepsSnapshot, d.EnrolledAs })
            .ToListAsync(cancellationToken);
        Attempts = [.. decisions.Select(d => new Attempt(d.SnapshotKey, calendar.ToLocal(d.DecidedAt),
            JsonSerializer.Deserialize<ScanOutcome>(d.Outcome, JsonSerializerOptions.Web)?.Result?.Similarity ?? 0, d.KeepsSnapshot, d.EnrolledAs))];
        People = await PeopleChoices.ListAsync(scope, cancellationToken);
    }
}
