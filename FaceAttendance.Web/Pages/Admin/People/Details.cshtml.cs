using System.Text.Json;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Pins;
using FaceAttendance.Web.Sites;
using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pages.Admin.People;

/// <summary>One person: their enrolled and kiosk-learned faces (thumbnails, delete), enrolment of more photos by upload or webcam
/// with a verdict per photo, and erasing the person. The size limits make room for several photos in one post, each up
/// to the largest upload limit the options allow (15 MB) plus form framing; every photo is still checked against the
/// configured limit.</summary>
[RequestSizeLimit(MaxPhotosPerPost * 16L * 1024 * 1024)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxPhotosPerPost * 16L * 1024 * 1024)]
public sealed class DetailsModel(AttendanceDbContext db, AccessScope scope, FaceEnrolment enrolment, ConsentOptions consent, UploadOptions uploads, TimeProvider time) : PageModel
{
    private const int MaxPhotosPerPost = 12;

    public Person Person { get; private set; } = null!;

    /// <summary>The sites and departments to choose the person's from, theirs selected.</summary>
    public SiteChoices Places { get; private set; } = new([], []);

    /// <summary>The names of the kiosks this person's learned faces came from.</summary>
    public IReadOnlyDictionary<Guid, string> KioskNames { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>Verdicts of the last enrolment, carried across the redirect that follows it.</summary>
    public IReadOnlyList<PhotoVerdict> Verdicts { get; private set; } = [];

    [TempData]
    public string? VerdictsJson { get; set; }

    [TempData]
    public string? Message { get; set; }

    public sealed record PhotoVerdict(string FileName, EnrolmentVerdicts.Verdict Verdict);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await scope.People().AsNoTracking().Include(p => p.Faces.OrderBy(f => f.CreatedAt))
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } person)
        {
            return NotFound();
        }
        Person = person;
        Places = await SiteChoices.ListAsync(db, person.HomeSiteId, person.DepartmentId, cancellationToken);
        var kiosks = person.Faces.Select(f => f.LearnedAtKioskId).OfType<Guid>().Distinct().ToList();
        KioskNames = await db.Kiosks.Where(k => kiosks.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Name, cancellationToken);
        Verdicts = VerdictsJson is null ? [] : JsonSerializer.Deserialize<List<PhotoVerdict>>(VerdictsJson) ?? [];
        return Page();
    }

    public async Task<IActionResult> OnPostEnrolAsync(Guid id, List<IFormFile> photos, bool force, CancellationToken cancellationToken)
    {
        if (await scope.People().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } person)
        {
            return NotFound();
        }
        if (photos.Count == 0 || photos.Count > MaxPhotosPerPost)
        {
            Message = $"Choose or take between 1 and {MaxPhotosPerPost} photos.";
            return RedirectToPage(new { id });
        }
        var verdicts = new List<PhotoVerdict>();
        foreach (var photo in photos)
        {
            verdicts.Add(await EnrolOneAsync(person, photo, force, cancellationToken));
        }
        VerdictsJson = JsonSerializer.Serialize(verdicts);
        return RedirectToPage(new { id });
    }

    public string NoticeVersion => consent.NoticeVersion;

    /// <summary>Moves the person to another home site or department (or none); a Manager only within their scope.</summary>
    public async Task<IActionResult> OnPostPlaceAsync(Guid id, Guid? homeSiteId, Guid? departmentId, CancellationToken cancellationToken)
    {
        if (await scope.People().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } person)
        {
            return NotFound();
        }
        if (await scope.PlacementRefusalAsync(homeSiteId, departmentId, cancellationToken) is { } refusal)
        {
            Message = refusal.Detail;
            return RedirectToPage(new { id });
        }
        (person.HomeSiteId, person.DepartmentId) = (homeSiteId, departmentId);
        await db.SaveChangesAsync(cancellationToken);
        Message = "Home site and department saved.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostConsentAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await scope.People().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } person)
        {
            return NotFound();
        }
        PeopleApi.StampConsent(person, HttpContext, consent, time);
        await db.SaveChangesAsync(cancellationToken);
        Message = $"Consent to notice version {consent.NoticeVersion} recorded.";
        return RedirectToPage(new { id });
    }

    /// <summary>Gives the person a kiosk PIN, or replaces theirs; the audit log records that it changed, never the PIN.</summary>
    public async Task<IActionResult> OnPostPinAsync(Guid id, string? pin, CancellationToken cancellationToken)
    {
        if (await scope.People().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } person)
        {
            return NotFound();
        }
        if (PersonPin.Refusal(pin) is { } refusal)
        {
            Message = refusal.Detail;
            return RedirectToPage(new { id });
        }
        PersonPin.Set(person, pin!);
        await db.SaveChangesAsync(cancellationToken);
        Message = $"PIN set: tell {person.Name} in person; it is not shown again.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemovePinAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await scope.People().SingleOrDefaultAsync(p => p.Id == id, cancellationToken) is not { } person)
        {
            return NotFound();
        }
        person.PinHash = null;
        await db.SaveChangesAsync(cancellationToken);
        Message = "PIN removed.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostDeleteFaceAsync(Guid id, Guid faceId, CancellationToken cancellationToken)
    {
        if (!await scope.People().AnyAsync(p => p.Id == id, cancellationToken))
        {
            return NotFound();
        }
        Message = await enrolment.RemoveFaceAsync(id, faceId, cancellationToken)
            ? "The face and its photo were deleted."
            : "That face was already gone.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostErasePersonAsync(Guid id, CancellationToken cancellationToken)
    {
        var name = await scope.People().Where(p => p.Id == id).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken);
        if (name is null || !await enrolment.ErasePersonAsync(id, cancellationToken))
        {
            return NotFound();
        }
        TempData["PeopleMessage"] = $"{name} was erased: faces, photos and snapshots. Their attendance history remains.";
        return RedirectToPage("Index");
    }

    private async Task<PhotoVerdict> EnrolOneAsync(Person person, IFormFile photo, bool force, CancellationToken cancellationToken)
    {
        await using var stream = photo.OpenReadStream();
        var (image, problem) = await ImageUpload.ReadAsync(stream, photo.Length, expectedType: null, uploads.MaxBytes, cancellationToken);
        if (image is null)
        {
            return new PhotoVerdict(photo.FileName, EnrolmentVerdicts.Unusable(
                problem!.Code, uploads.MaxBytes));
        }
        var outcome = await enrolment.EnrolAsync(person, image, force, cancellationToken);
        return new PhotoVerdict(photo.FileName,
            outcome.Problem is { } refusal ? EnrolmentVerdicts.Refused(refusal) : EnrolmentVerdicts.Accepted(outcome.Quality));
    }
}
