using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Web.Admin;
using Microsoft.Playwright;
using OtpNet;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>An invited person opens their account from the link, signs in, turns on two-step sign-in with an
/// authenticator (Otp.NET plays the phone), and from then on signs in only with a code or, once each, a recovery code.</summary>
public sealed class AccountsBrowserTests : IAsyncDisposable
{
    private const string Email = "rita@example.com";
    private const string Password = "correct horse battery staple";
    private const string WrongSignIn = "That name, password or code is not right.";
    private readonly LiveAppServer _server = new();

    [Fact]
    public async Task AnInviteeOpensTheirAccountSignsInAndTurnsOnTwoStepSignIn()
    {
        var link = await InviteAsync();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new() { BaseURL = _server.BaseAddress.ToString(), ViewportSize = new() { Width = 1280, Height = 720 } });
        var page = await context.NewPageAsync();

        await page.GotoAsync(link.PathAndQuery);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Password again").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open my account" }).ClickAsync();
        await SignInAsync(page, code: null);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Your account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your account" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".facts")).ToContainTextAsync("Rita Moreno");
        await page.ShouldHaveNoViolationsAsync();
        await Screenshots.SaveAsync(page, "account-off.png", "img.snapshot");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-step sign-in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code for your authenticator app" })).ToBeVisibleAsync();
        await page.ShouldHaveNoViolationsAsync();
        await Screenshots.SaveAsync(page, "account-enrol.png", "img.snapshot");
        var authenticator = new Totp(Base32Encoding.ToBytes(await page.Locator("#totp-secret").InnerTextAsync()));
        await page.GetByLabel("Code from the app").FillAsync(authenticator.ComputeTotp(DateTime.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Two-step sign-in is on.");
        var recoveryCodes = page.GetByRole(AriaRole.List, new() { Name = "Recovery codes" }).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(recoveryCodes).ToHaveCountAsync(TwoFactor.RecoveryCodeCount);
        var recoveryCode = await recoveryCodes.First.InnerTextAsync();
        await page.ShouldHaveNoViolationsAsync();
        await Screenshots.SaveAsync(page, "account-recovery-codes.png", "img.snapshot");

        await SignOutAsync(page);
        await SignInAsync(page, code: null);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(WrongSignIn);
        // the next step's code: the one used to turn it on is spent, and the login allows a step of drift
        await SignInAsync(page, authenticator.ComputeTotp(DateTime.UtcNow.AddSeconds(30)));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();

        await SignOutAsync(page);
        await SignInAsync(page, recoveryCode);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await SignOutAsync(page);
        await SignInAsync(page, recoveryCode);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(WrongSignIn);
        await page.ShouldHaveNoViolationsAsync();
        await Screenshots.SaveAsync(page, "account-sign-in-refused.png", "img.snapshot");
    }

    private async Task<Uri> InviteAsync()
    {
        using var owner = _server.CreateAdminClient();
        using var invited = await owner.PostAsJsonAsync("/api/accounts/invitations", new { email = Email, displayName = "Rita Moreno", role = Roles.Manager });
        invited.StatusCode.Should().Be(HttpStatusCode.Created, await invited.Content.ReadAsStringAsync());
        return new Uri((await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link").GetString()!);
    }

    private static async Task SignInAsync(IPage page, string? code)
    {
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Email or user name").FillAsync(Email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Authenticator code").FillAsync(code ?? "");
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
    }

    private static async Task SignOutAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Exact = true })).ToBeVisibleAsync();
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
