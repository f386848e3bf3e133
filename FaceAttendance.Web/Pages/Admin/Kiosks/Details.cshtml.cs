using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Kiosks;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;

namespace FaceAttendance.Web.Pages.Admin.Kiosks;

/// <summary>One kiosk: its state, the pairing code just issued for it (once), rename or move it, a new pairing code, and
/// revoking it after a confirmation.</summary>
public sealed class DetailsModel(AttendanceDbContext db, KioskPairing pairing, AttendanceCalendar calendar, TimeProvider time) : PageModel
{
    private const string MessageKey = "KioskMessage";

    public KioskView Kiosk { get; private set; } = null!;
    public KioskInput Input { get; private set; } = new();
    public IssuedPairing? Pairing { get; private set; }
    public string? PairingExpiresAt => Pairing is { } issued ? KioskView.Local(issued.ExpiresAt, calendar) : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Kiosks.FindAsync([id], cancellationToken) is not { } kiosk)
        {
            return NotFound();
        }
        await ShowAsync(kiosk, cancellationToken);
        Pairing = IssuedPairing.Take(TempData, id);
        return Page();
    }

    public async Task<IActionResult> OnPostUpdateAsync(Guid id, [Bind(Prefix = "Input")] KioskInput input, CancellationToken cancellationToken)
    {
        if (await db.Kiosks.FindAsync([id], cancellationToken) is not { } kiosk)
        {
            return NotFound();
        }
        if (ModelState.IsValid && KioskPairing.TimeZoneRefusal(input.TimeZone) is { } refusal)
        {
            ModelState.AddModelError("Input.TimeZone", refusal.Detail);
        }
        if ((ModelState.IsValid ? await input.SiteAsync(db, ModelState, time, cancellationToken) : null) is not { } site)
        {
            await ShowAsync(kiosk, cancellationToken);
            Input = input;
            await Input.LoadSitesAsync(db, cancellationToken);
            return Page();
        }
        KioskPairing.Move(kiosk, input.Name, site, input.TimeZone, input.Language);
        await db.SaveChangesAsync(cancellationToken);
        TempData[MessageKey] = $"Saved: {kiosk.Name} at {kiosk.Site}, {kiosk.TimeZone}.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostPairingCodeAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await db.Kiosks.FindAsync([id], cancellationToken) is not { } kiosk)
        {
            return NotFound();
        }
        var code = pairing.IssueCode(kiosk, KioskPairing.AppBase(Request));
        await db.SaveChangesAsync(cancellationToken);
        IssuedPairing.Keep(TempData, id, code);
        return RedirectToPage(new { id });
    }

    /// <param name="confirm">the "yes, unpair it" checkbox: revoking stops the kiosk at once, so it is never one click.</param>
    public async Task<IActionResult> OnPostRevokeAsync(Guid id, bool confirm, CancellationToken cancellationToken)
    {
        if (await db.Kiosks.FindAsync([id], cancellationToken) is not { } kiosk)
        {
            return NotFound();
        }
        if (!confirm)
        {
            ModelState.AddModelError("confirm", $"Tick the box to confirm that {kiosk.Name} should be unpaired.");
            await ShowAsync(kiosk, cancellationToken);
            return Page();
        }
        pairing.Revoke(kiosk);
        await db.SaveChangesAsync(cancellationToken);
        TempData[MessageKey] = $"{kiosk.Name} was unpaired: it now shows 'This kiosk was unpaired — ask an admin'. Its events stay in the log.";
        return RedirectToPage(new { id });
    }

    public string? Message => TempData[MessageKey] as string;

    private async Task ShowAsync(FaceAttendance.Web.Data.Kiosk kiosk, CancellationToken cancellationToken)
    {
        Kiosk = KioskView.Of(KioskResponse.From(kiosk), calendar, time.GetUtcNow().UtcDateTime);
        Input = new KioskInput { Name = kiosk.Name, SiteId = kiosk.SiteId, TimeZone = kiosk.TimeZone, Language = kiosk.Language };
        await Input.LoadSitesAsync(db, cancellationToken);
    }
}
