using FaceAttendance.Tests.Web.Support;
using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>A manager fixes the log in the admin pages: voids a wrong check-in and adds a missed check-out, each with
/// the reason, and sees both kept in the log and the timesheet.</summary>
public sealed class CorrectionsBrowserTests : IAsyncDisposable
{
    private readonly LiveAppServer _server = new();

    [Fact]
    public async Task AManagerVoidsAWrongCheckInAndAddsAMissedCheckOut()
    {
        await _server.EnrolAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await _server.CreateKioskClientAsync();
        (await kiosk.PostAsync("/attendance", FaceAttendanceApp.ImageForm(Photos.AlSharpton(6), "image/jpeg"))).EnsureSuccessStatusCode();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new() { BaseURL = _server.BaseAddress.ToString(), TimezoneId = "UTC" });
        var page = await context.NewPageAsync();
        await AdminLogin.LogInAsync(page);

        await page.GotoAsync("/admin/attendance");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Correct Al Sharpton's") }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Correct Al Sharpton's check-in" })).ToBeVisibleAsync();
        await page.ShouldHaveNoViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Void this check-in" }).ClickAsync();
        // the browser itself insists on a reason
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Correct Al Sharpton's check-in" })).ToBeVisibleAsync();
        await page.Locator("#void-reason").FillAsync("his brother, who was visiting");
        await page.GetByRole(AriaRole.Button, new() { Name = "Void this check-in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("was voided. The correction is kept with it.");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Al Sharpton" });
        await Assertions.Expect(row).ToContainTextAsync("Check-in (voided)");
        await Assertions.Expect(row).ToContainTextAsync("by admin: his brother, who was visiting");
        await page.ShouldHaveNoViolationsAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Add a missing check-in or check-out" }).ClickAsync();
        await page.GetByLabel("Person").SelectOptionAsync(new SelectOptionValue { Label = "Al Sharpton (E100)" });
        await page.GetByLabel("Check-out").CheckAsync();
        await page.GetByLabel("Time").FillAsync("00:01");
        await page.GetByLabel("Why").FillAsync("the kiosk was being repaired");
        await page.ShouldHaveNoViolationsAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Check-out for Al Sharpton at 00:01 added.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "added by hand" })).ToContainTextAsync("the kiosk was being repaired");
        // the README's picture of the review view
        await page.SetViewportSizeAsync(1280, 720);
        await Screenshots.SaveAsync(page, "attendance-review.png", "img.snapshot");
        await page.GotoAsync("/admin/timesheets");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Al Sharpton" }).Last)
            .ToContainTextAsync("voided");
        await page.ShouldHaveNoViolationsAsync();
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
