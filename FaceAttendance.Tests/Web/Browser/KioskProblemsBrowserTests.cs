using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>What the kiosk tells a passer-by when it cannot do its job.</summary>
public sealed class KioskProblemsBrowserTests : IAsyncDisposable
{
    private readonly LiveAppServer _server = new();

    [Fact]
    public async Task KioskSaysHowToFixADeniedCameraPermission()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright, denyCamera: true);
        var kiosk = await OpenKioskAsync(browser);

        await Assertions.Expect(kiosk.GetByRole(AriaRole.Status)).ToContainTextAsync("Camera permission was denied");
        await kiosk.ShouldHaveNoViolationsAsync();
    }

    [Fact]
    public async Task KioskKeepsTheScanWhenTheServerCannotBeReached()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var kiosk = await OpenKioskAsync(browser, unreachablePath: "/presign");

        // the first movement the camera sees (its test pattern appearing) sends a snapshot, which cannot get through
        await Assertions.Expect(kiosk.GetByRole(AriaRole.Status))
            .ToContainTextAsync("Saved — it will be sent when the connection is back.", new() { Timeout = 30_000 });
        (await kiosk.EvaluateAsync<int>("""
            () => new Promise((resolve) => {
              const open = indexedDB.open("faceattendance-kiosk", 1);
              open.onsuccess = () => { const count = open.result.transaction("scans").objectStore("scans").count(); count.onsuccess = () => resolve(count.result); };
            })
            """)).Should().BeGreaterThanOrEqualTo(1, "the snapshot waits in the browser");
    }

    [Fact]
    public async Task KioskAsksToWaitWhenOverTheRequestLimit()
    {
        await using var limited = new LiveAppServer([new("FaceAttendance:Kiosk:RequestsPerMinute", "1")]);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var kiosk = await OpenKioskAsync(browser, server: limited);

        // the first scan's /presign is the one request allowed; its upload is refused with 429
        await Assertions.Expect(kiosk.GetByRole(AriaRole.Status)).ToContainTextAsync("Too many scans just now", new() { Timeout = 30_000 });
    }

    /// <param name="unreachablePath">requests to it fail as if the network were down</param>
    private async Task<IPage> OpenKioskAsync(IBrowser browser, string? unreachablePath = null, LiveAppServer? server = null)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = (server ?? _server).BaseAddress.ToString() });
        if (unreachablePath is not null)
        {
            await context.RouteAsync($"**{unreachablePath}", route => route.AbortAsync());
        }
        var kiosk = await context.NewPageAsync();
        using var admin = (server ?? _server).CreateAdminClient();
        await BrowserKiosk.OpenPairedAsync(kiosk, admin);
        return kiosk;
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
