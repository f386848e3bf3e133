using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Kiosks;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pages.Admin.Kiosks;

/// <summary>Every kiosk with its state and last contact, and the form that adds one (then its page shows the pairing code).</summary>
public sealed class IndexModel(AttendanceDbContext db, KioskPairing pairing, AttendanceCalendar calendar, TimeProvider time) : PageModel
{
    [BindProperty]
    public KioskInput Input { get; set; } = new();

    public IReadOnlyList<KioskView> Kiosks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Input.TimeZone = pairing.DefaultTimeZone;
        await LoadAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid && KioskPairing.TimeZoneRefusal(Input.TimeZone) is { } refusal)
        {
            ModelState.AddModelError("Input.TimeZone", refusal.Detail);
        }
        if ((ModelState.IsValid ? await Input.SiteAsync(db, ModelState, time, cancellationToken) : null) is not { } site)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }
        var kiosk = pairing.NewKiosk(Input.Name, site, Input.TimeZone, Input.Language);
        var code = pairing.IssueCode(kiosk, KioskPairing.AppBase(Request));
        db.Kiosks.Add(kiosk);
        await db.SaveChangesAsync(cancellationToken);
        IssuedPairing.Keep(TempData, kiosk.Id, code);
        return RedirectToPage("Details", new { id = kiosk.Id });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await Input.LoadSitesAsync(db, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var kiosks = await db.Kiosks.AsNoTracking().OrderBy(k => k.Site).ThenBy(k => k.Name).ToListAsync(cancellationToken);
        Kiosks = [.. kiosks.Select(k => KioskView.Of(KioskResponse.From(k), calendar, now))];
    }
}
