using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Kiosks;
using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>A browser page made a kiosk the way a tablet is: an admin adds the kiosk, the page opens the pairing URL its
/// QR code holds, and pairs itself (its WebCrypto key, its HttpOnly cookie).</summary>
public static class BrowserKiosk
{
    /// <summary>Adds a kiosk through <paramref name="admin"/> and opens the kiosk page paired as it.</summary>
    public static async Task<KioskResponse> OpenPairedAsync(IPage page, HttpClient admin, string name = "Front door")
    {
        var kiosk = await PairedKioskClient.AddAsync(admin, name);
        await page.GotoAsync($"/?pair={Uri.EscapeDataString(kiosk.Pairing.Code)}");
        await Assertions.Expect(page.Locator("#kiosk-label")).ToHaveTextAsync($"{name} · Head office", new() { Timeout = 15_000 });
        return kiosk.Kiosk;
    }
}
