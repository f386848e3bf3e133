using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Sites;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Sites;
using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>The Owner sets up a site and a department on their page, adds a kiosk at the site by the select, invites a
/// Manager for that site, and the Manager, once signed in, sees only that site's people. Each page accessible, and
/// photographed at desktop and phone width.</summary>
public sealed class SitesBrowserTests : IAsyncDisposable
{
    private const string ManagerEmail = "mara@example.com";
    private const string ManagerPassword = "correct horse battery staple";
    private readonly LiveAppServer _server = new();

    [Fact]
    public async Task AManagerInvitedForANewSiteSeesOnlyItsPeople()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new()
        {
            BaseURL = _server.BaseAddress.ToString(), TimezoneId = "UTC", ViewportSize = new() { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        await AdminLogin.LogInAsync(page);

        await Nav(page, "Sites");
        var addSite = page.GetByRole(AriaRole.Region, new() { Name = "Add a site" });
        await addSite.GetByLabel("Name").FillAsync("Harbour");
        await addSite.GetByLabel("Time zone").SelectOptionAsync("Europe/Lisbon");
        await addSite.GetByRole(AriaRole.Button, new() { Name = "Add the site" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Added the site Harbour.");
        var addDepartment = page.GetByRole(AriaRole.Region, new() { Name = "Add a department" });
        await addDepartment.GetByLabel("Name").FillAsync("Dockers");
        await addDepartment.GetByRole(AriaRole.Button, new() { Name = "Add the department" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Harbour" })).ToContainTextAsync("Europe/Lisbon");
        await page.GetByText("Change Harbour").ClickAsync();
        await page.ShouldHaveNoViolationsAsync();
        await BothWidthsAsync(page, "sites");

        await Nav(page, "Kiosks");
        var addKiosk = page.GetByRole(AriaRole.Region, new() { Name = "Add a kiosk" });
        await addKiosk.GetByLabel("Name", new() { Exact = true }).FillAsync("Quay gate");
        await addKiosk.GetByLabel("Site", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Harbour" });
        await addKiosk.GetByLabel("Time zone").SelectOptionAsync("Europe/Lisbon");
        await page.ShouldHaveNoViolationsAsync();
        await BothWidthsAsync(page, "kiosk-add");
        await addKiosk.GetByRole(AriaRole.Button, new() { Name = "Add and get a pairing code" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Quay gate" })).ToBeVisibleAsync();
        await Nav(page, "Kiosks");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Quay gate" })).ToContainTextAsync("Harbour");

        using (var api = _server.CreateAdminClient())
        {
            var harbour = (await api.GetFromJsonAsync<SiteResponse[]>("/api/sites", Json.Options))!.Single(s => s.Name == "Harbour");
            var depot = await api.AddSiteAsync("Depot");
            await api.AddPersonAsync("H1", "Hana Harbour", harbour.Id);
            await api.AddPersonAsync("D1", "Dan Depot", depot.Id);
        }

        await Nav(page, "Accounts");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(ManagerEmail);
        await page.GetByLabel("Display name").FillAsync("Mara");
        await page.GetByLabel("Role").SelectOptionAsync("Manager");
        await page.GetByRole(AriaRole.Group, new() { Name = "Sites" }).GetByLabel("Harbour").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Invite and get the link" }).ClickAsync();
        var link = new Uri(await page.Locator("#invited-link").InnerTextAsync());
        await page.ShouldHaveNoViolationsAsync();
        await BothWidthsAsync(page, "accounts-invite-manager");

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.GotoAsync(link.PathAndQuery);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(ManagerPassword);
        await page.GetByLabel("Password again").FillAsync(ManagerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open my account" }).ClickAsync();
        await page.GetByLabel("Email or user name").FillAsync(ManagerEmail);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(ManagerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Nav(page, "People");

        var people = page.GetByRole(AriaRole.Table);
        await Assertions.Expect(people).ToContainTextAsync("Hana Harbour");
        await Assertions.Expect(people).Not.ToContainTextAsync("Dan Depot");
        await page.ShouldHaveNoViolationsAsync();
        await BothWidthsAsync(page, "manager-people");
    }

    private static async Task Nav(IPage page, string link)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Admin" }).GetByRole(AriaRole.Link, new() { Name = link, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
    }

    /// <summary>Screenshots at desktop width and at a phone's, where nothing may overflow sideways but the tables' own scroll.</summary>
    private static async Task BothWidthsAsync(IPage page, string name)
    {
        await Screenshots.SaveAsync(page, $"{name}-desktop.png", "img.snapshot");
        await page.SetViewportSizeAsync(390, 844);
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue($"{name} fits a phone's width");
        await Screenshots.SaveAsync(page, $"{name}-phone.png", "img.snapshot");
        await page.SetViewportSizeAsync(1280, 800);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
