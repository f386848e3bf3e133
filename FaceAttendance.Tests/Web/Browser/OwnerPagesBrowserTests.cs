using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>The Owner makes an API key and copies it, then invites someone and opens their account's page: each page
/// accessible, the key and the link shown once.</summary>
public sealed partial class OwnerPagesBrowserTests : IAsyncDisposable
{
    private readonly LiveAppServer _server = new();

    [Fact]
    public async Task TheOwnerCopiesANewKeyAndInvitesSomeone()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new() { BaseURL = _server.BaseAddress.ToString(), TimezoneId = "UTC" });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        var page = await context.NewPageAsync();
        await AdminLogin.LogInAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Payroll export");
        await page.GetByLabel("Role").SelectOptionAsync("Payroll");
        await page.GetByRole(AriaRole.Button, new() { Name = "Make the key" }).ClickAsync();
        var key = await page.Locator("#created-key").TextContentAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Copy" }).ClickAsync();

        key.Should().MatchRegex(KeyPattern());
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copied" })).ToBeVisibleAsync();
        (await page.EvaluateAsync<string>("navigator.clipboard.readText()")).Should().Be(key);
        await page.ShouldHaveNoViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Payroll export" })).ToContainTextAsync("never");
        (await page.ContentAsync()).Should().NotContain(key);

        await page.GetByRole(AriaRole.Link, new() { Name = "Accounts" }).ClickAsync();
        await page.GetByLabel("Email").FillAsync("nia@example.com");
        await page.GetByLabel("Display name").FillAsync("Nia");
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite and get the link" }).ClickAsync();
        await Assertions.Expect(page.Locator("#invited-link")).ToContainTextAsync("/admin/invitation?token=");
        await page.ShouldHaveNoViolationsAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Owner" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Owner" })).ToBeVisibleAsync();
        await page.ShouldHaveNoViolationsAsync();
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [GeneratedRegex("^fa_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$")]
    private static partial Regex KeyPattern();
}
