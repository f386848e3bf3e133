using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>Admin › Kiosks and the dashboard's first-run shortcut in a real browser on a phone-sized screen: axe finds
/// nothing to fix, nothing runs off the side, and the forms work by their labels.</summary>
public sealed class KioskPagesBrowserTests : IAsyncDisposable
{
    private readonly LiveAppServer _server = new();

    [Fact]
    public async Task AKioskIsAddedShownWithItsQrCodeAndRevokedOnAccessiblePagesThatFitAPhone()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new()
        {
            BaseURL = _server.BaseAddress.ToString(),
            ViewportSize = new() { Width = 390, Height = 844 },
            IsMobile = true,
            HasTouch = true,
        });
        var page = await context.NewPageAsync();
        await AdminLogin.LogInAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Use this browser as a kiosk" })).ToBeVisibleAsync();
        await ShouldFitAndPassAxeAsync(page);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = "Kiosks" }).ClickAsync();
        await ShouldFitAndPassAxeAsync(page);
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Front door");
        await page.GetByLabel("New site's name").FillAsync("Head office");
        await page.GetByLabel("Time zone").SelectOptionAsync("Europe/London");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add and get a pairing code" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Front door" })).ToBeVisibleAsync();
        var qr = page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^QR code of the pairing address") });
        await Assertions.Expect(qr).ToBeVisibleAsync();
        (await qr.EvaluateAsync<int>("img => img.naturalWidth")).Should().BeGreaterThan(0, "the data: URI is an image the CSP lets through");
        await ShouldFitAndPassAxeAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Tick the box to confirm that Front door should be unpaired.");
        await ShouldFitAndPassAxeAsync(page);
        await page.GetByLabel("Yes, unpair Front door").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Front door was unpaired");
        await ShouldFitAndPassAxeAsync(page);

        await page.GotoAsync("/admin/kiosks");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Front door" })).ToContainTextAsync("Revoked");
        await ShouldFitAndPassAxeAsync(page);
        // the log's new "Recorded" filter
        await page.GotoAsync("/admin/attendance");
        await page.GetByLabel("Recorded").SelectOptionAsync(new SelectOptionValue { Label = "Only recorded offline" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No check-ins or check-outs recorded offline in this period.")).ToBeVisibleAsync();
        await ShouldFitAndPassAxeAsync(page);
    }

    private static async Task ShouldFitAndPassAxeAsync(IPage page)
    {
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue($"{page.Url} does not run off the side");
        await page.ShouldHaveNoViolationsAsync();
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
