using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Kiosks;
using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>Which language a page speaks: a kiosk set to German speaks German in a Spanish browser (which it spoke before
/// it was paired), and an admin who chooses Deutsch in the top bar keeps it on every admin page, while the kiosk page of
/// the same browser keeps the browser's language.</summary>
public sealed class LanguagesBrowserTests(SharedBrowser shared) : IClassFixture<SharedBrowser>
{
    [Fact]
    public async Task AKioskSetToGermanSpeaksGermanInASpanishBrowser()
    {
        using var admin = shared.Server.CreateAdminClient();
        var added = await admin.PostAsJsonAsync("/api/kiosks", new { name = "Eingang", site = "Berlin", timeZone = "Europe/Berlin", language = "de" });
        var pairing = (await added.Content.ReadFromJsonAsync<AddedKiosk>(Json.Options))!.Pairing;
        await using var context = await shared.Browser.NewContextAsync(new() { BaseURL = shared.Server.BaseAddress.ToString(), Locale = "es-ES" });
        // every scan is answered "more than one face", so the sentence the script shows can be read in its language
        await context.RouteAsync("**/attendance", route => route.Request.Method == "POST"
            ? route.FulfillAsync(new() { Status = 422, ContentType = "application/json", Body = """{"status":422,"code":"multiple-faces"}""" })
            : route.ContinueAsync());
        var kiosk = await context.NewPageAsync();

        await kiosk.GotoAsync("/");
        await Assertions.Expect(kiosk.GetByRole(AriaRole.Heading, new() { Name = "Vincular este terminal" })).ToBeVisibleAsync();
        await Assertions.Expect(kiosk.Locator("#pairing-message")).ToHaveTextAsync(
            "Este navegador aún no es un terminal. Introduzca el código de vinculación de Administración › Terminales o abra su código QR en este dispositivo.");
        await kiosk.GetByLabel("Código de vinculación").FillAsync(pairing.Code);
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "Vincular", Exact = true }).ClickAsync();

        await Assertions.Expect(kiosk.Locator("#kiosk-label")).ToHaveTextAsync("Eingang · Berlin", new() { Timeout = 15_000 });
        await Assertions.Expect(kiosk.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Assertions.Expect(kiosk.Locator("#hint")).ToHaveTextAsync("Tippen Sie auf den Bildschirm oder drücken Sie die Leertaste, um ein- oder auszustempeln.");
        await Assertions.Expect(kiosk.GetByRole(AriaRole.Link, new() { Name = "Verwaltung" })).ToBeVisibleAsync();
        // the camera's moving test pattern starts a scan by itself
        await Assertions.Expect(kiosk.Locator("#outcome-message")).ToHaveTextAsync("Mehr als ein Gesicht. Bitte treten Sie einzeln heran.", new() { Timeout = 30_000 });
        var clock = await kiosk.Locator("#clock").InnerTextAsync();
        System.Globalization.CultureInfo.GetCultureInfo("de-DE").DateTimeFormat.DayNames.Should().Contain(day => clock.StartsWith(day), $"the clock '{clock}' names the day in German");
        await kiosk.ShouldHaveNoViolationsAsync();
    }

    [Fact]
    public async Task AnAdminWhoChoosesDeutschKeepsItOnEveryAdminPageButTheKioskPageKeepsTheBrowsersLanguage()
    {
        await using var context = await shared.Browser.NewContextAsync(new() { BaseURL = shared.Server.BaseAddress.ToString(), Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await AdminLogin.LogInAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Deutsch" }).ClickAsync();

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/admin$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Übersicht", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Deutsch" })).ToHaveAttributeAsync("aria-current", "true");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Verwaltung" }).GetByRole(AriaRole.Link, new() { Name = "Stundenzettel" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Stundenzettel", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Anwesenheit", Exact = true })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" })).ToBeVisibleAsync();
        await page.ShouldHaveNoViolationsAsync();
        (await context.CookiesAsync()).Should().Contain(cookie => cookie.Name == ".AspNetCore.Culture" && cookie.HttpOnly, "the choice is remembered");

        await page.GotoAsync("/");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");

        await page.GotoAsync("/admin");
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Timesheets" })).ToBeVisibleAsync();
    }
}
