using System.Net;
using System.Net.Http.Json;
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
        var added = await admin.PostAsJsonAsync("/api/kiosks", new { name, site = "Head office" });
        added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var kiosk = (await added.Content.ReadFromJsonAsync<AddedKiosk>(Support.Json.Options))!;
        await page.GotoAsync($"/?pair={Uri.EscapeDataString(kiosk.Pairing.Code)}");
        await Assertions.Expect(page.Locator("#kiosk-label")).ToHaveTextAsync($"{name} · Head office", new() { Timeout = 15_000 });
        return kiosk.Kiosk;
    }
}
