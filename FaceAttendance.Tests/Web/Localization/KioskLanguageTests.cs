using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Kiosks;

namespace FaceAttendance.Tests.Web.Localization;

/// <summary>A kiosk's language through the admin API: set, changed, cleared back to the browser's, told to the kiosk at its
/// check-in, and a language the app does not speak refused without changing anything.</summary>
public sealed class KioskLanguageTests
{
    [Fact]
    public async Task AKiosksLanguageIsSetChangedAndClearedAndAnUnknownOneIsRefused()
    {
        await using var app = new FaceAttendanceApp();
        using var admin = app.CreateAdminClient();
        var added = await admin.PostAsJsonAsync("/api/kiosks", new { name = "Entrada", site = "Madrid", timeZone = "Europe/Madrid", language = "es" });
        added.StatusCode.Should().Be(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var (kiosk, pairing) = (await added.Content.ReadFromJsonAsync<AddedKiosk>(Json.Options))!;
        using var device = app.CreateClient(); // keeps the device cookie, as a browser does
        (await device.PostAsJsonAsync("/kiosk/pair", new { code = pairing.Code })).StatusCode.Should().Be(HttpStatusCode.OK);

        var french = await admin.PutAsJsonAsync($"/api/kiosks/{kiosk.Id}", new { name = "Entrada", siteId = kiosk.SiteId, language = "fr" });
        var afterFrench = await device.GetFromJsonAsync<KioskIdentity>("/kiosk/me", Json.Options);
        var german = await admin.PutAsJsonAsync($"/api/kiosks/{kiosk.Id}", new { name = "Entrada", siteId = kiosk.SiteId, language = "de" });
        var afterGerman = await device.GetFromJsonAsync<KioskIdentity>("/kiosk/me", Json.Options);
        var cleared = await admin.PutAsJsonAsync($"/api/kiosks/{kiosk.Id}", new { name = "Entrada", siteId = kiosk.SiteId });

        kiosk.Language.Should().Be("es");
        var problem = await french.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetRawText().Should().Contain("Choose one of en, es, de");
        afterFrench!.Language.Should().Be("es", "a refused change changes nothing");
        german.StatusCode.Should().Be(HttpStatusCode.OK, await german.Content.ReadAsStringAsync());
        afterGerman!.Language.Should().Be("de", "the kiosk learns its new language at its next check-in");
        (await cleared.Content.ReadFromJsonAsync<KioskResponse>(Json.Options))!.Language.Should().BeNull("left out, the kiosk speaks its browser's language");
    }
}
