using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Support;
using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>The admin pages on a phone: nothing pushes the page sideways; a wide table scrolls inside its own frame,
/// which the keyboard can reach.</summary>
public sealed class AdminOnAPhoneBrowserTests : IAsyncDisposable
{
    private readonly LiveAppServer _server = new();

    [Fact]
    public async Task EveryAdminPageFitsAPhoneAndItsTablesScrollInTheirFrame()
    {
        var person = await _server.EnrolAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await _server.CreateKioskClientAsync();
        var scan = await kiosk.PostAsync("/attendance", FaceAttendanceApp.ImageForm(Photos.AlSharpton(6), "image/jpeg"));
        scan.EnsureSuccessStatusCode();
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

        foreach (var path in new[] { "/admin", "/admin/people", $"/admin/people/details/{person}", "/admin/attendance", "/admin/timesheets", "/admin/audit", "/admin/kiosks", "/admin/sites", "/admin/account" })
        {
            await page.GotoAsync(path);
            (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue($"{path} does not run off the side");
            await page.ShouldHaveNoViolationsAsync();
        }
        await page.GotoAsync("/admin/attendance");
        var frame = page.Locator(".table-scroll").First;
        (await frame.EvaluateAsync<bool>("f => f.scrollWidth > f.clientWidth")).Should().BeTrue("the log is wider than a phone, so it scrolls in its frame");
        await Assertions.Expect(frame).ToHaveAttributeAsync("tabindex", "0");
        await Assertions.Expect(frame.GetByRole(AriaRole.Cell, new() { Name = "Al Sharpton", Exact = true })).ToBeVisibleAsync();
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
