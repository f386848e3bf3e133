using FaceAttendance.Tests.Web.Sites;
using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>The hours pages as an Owner uses them in a real browser: a weekly shift and a one-off change, the pay rules,
/// a week approved and locked, a webhook's secret shown once and its delivery log; each page accessible and, at a phone's
/// width, with nothing running off the side but the tables' own scroll.</summary>
public sealed class HoursPagesBrowserTests(SharedBrowser shared) : IClassFixture<SharedBrowser>
{
    [Fact]
    public async Task TheOrganisationsRulesAreSetFromTheTimesheetsLinkAndSaidInWords()
    {
        var page = await SignedInPageAsync();

        await page.GotoAsync("/admin/timesheets");
        await page.GetByRole(AriaRole.Link, new() { Name = "Pay rules" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Set the rules of The organisation" }).ClickAsync();
        await page.GetByLabel("Round to").SelectOptionAsync("15");
        await page.GetByLabel("To the nearest step").CheckAsync();
        await page.GetByLabel("Worked minutes in a day after which time is overtime").FillAsync("480");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rules" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Pay rules of The organisation saved.");
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "The organisation" }))
            .ToContainTextAsync("The organisation's own rules: rounded to 15 min to the nearest, punched breaks, overtime after 8 h a day");
        await Assertions.Expect(page.GetByLabel("To the nearest step")).ToBeCheckedAsync();
        await AccessibleAtBothWidthsAsync(page, "pay-rules");
    }

    [Fact]
    public async Task ApprovingAPersonsWeekLocksIt()
    {
        using (var api = shared.Server.CreateAdminClient())
        {
            await api.AddPersonAsync("A1", "Ada Approved", null);
        }
        var page = await SignedInPageAsync();

        await page.GotoAsync("/admin/timesheets");
        await page.GetByRole(AriaRole.Link, new() { Name = "Approve this pay period" }).ClickAsync();
        var ada = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ada Approved" });
        await Assertions.Expect(ada).ToContainTextAsync("Open");
        await ada.GetByRole(AriaRole.Button, new() { Name = "Approve Ada Approved" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ada Approved" })).ToContainTextAsync("Approved, locked");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reopen Ada Approved" })).ToBeVisibleAsync();
        await AccessibleAtBothWidthsAsync(page, "approvals");
    }

    [Fact]
    public async Task AWebhooksSecretIsShownOnceAndItsTestDeliveryIsLogged()
    {
        var page = await SignedInPageAsync();
        const string url = "http://localhost:9/hours-pages-hook";

        await page.GotoAsync("/admin/webhooks");
        await page.GetByLabel("URL").FillAsync(url);
        await page.GetByLabel("face.unknown").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add webhook" }).ClickAsync();
        var secret = page.GetByRole(AriaRole.Region, new() { Name = $"Signing secret of {url}" });
        await Assertions.Expect(secret).ToContainTextAsync("Copy it now: it is not shown again.");
        var shown = await secret.Locator("code").InnerTextAsync();
        shown.Should().NotBeNullOrWhiteSpace();
        await AccessibleAtBothWidthsAsync(page, "webhooks-secret");

        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = url });
        await row.GetByRole(AriaRole.Button, new() { Name = "Send test event" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Test event queued: it shows below once sent.");
        (await page.ContentAsync()).Should().NotContain(shown, "the secret is shown only when it is made");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Deliveries (scrolls sideways on a small screen)" })
            .GetByRole(AriaRole.Row).Filter(new() { HasText = "webhook.test" })).ToBeVisibleAsync();
        await AccessibleAtBothWidthsAsync(page, "webhooks-deliveries");
    }

    private async Task<IPage> SignedInPageAsync()
    {
        var context = await shared.Browser.NewContextAsync(new()
        {
            BaseURL = shared.Server.BaseAddress.ToString(), TimezoneId = "UTC", ViewportSize = new() { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        await AdminLogin.LogInAsync(page);
        return page;
    }

    /// <summary>axe finds nothing, and at a phone's width the page does not run off the side (tables scroll in their frame).</summary>
    private static async Task AccessibleAtBothWidthsAsync(IPage page, string name)
    {
        await page.ShouldHaveNoViolationsAsync();
        await page.SetViewportSizeAsync(390, 844);
        (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")).Should().BeTrue($"{name} fits a phone's width");
        await page.ShouldHaveNoViolationsAsync();
        await page.SetViewportSizeAsync(1280, 800);
    }
}
