using System.Net;
using System.Text.RegularExpressions;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;

namespace FaceAttendance.Tests.Web.Admin;

/// <summary>What a signed-in account meets around its session: signing out ends every copy of its cookie, a page its role
/// may not open answers a page with a way back, the nav offers only what the role may open, its own security changes are
/// audited, and a one-time link used twice answers a page saying so.</summary>
public sealed class AccountSessionTests
{
    [Fact]
    public async Task SigningOutEndsTheAccountsCookieOnEveryBrowserSoACopiedOneToo()
    {
        await using var app = new FaceAttendanceApp();
        await app.OpenAccountAsync("vic@example.com", Roles.Viewer);
        using var browser = await app.SignedInBrowserAsync("vic@example.com");
        // another browser of the account stands for a copy of the cookie: the stamp both carry is what ends
        using var other = await app.SignedInBrowserAsync("vic@example.com");
        (await other.GetAsync("/api/people")).StatusCode.Should().Be(HttpStatusCode.OK);

        await AccountPagesTests.PostAsync(browser, "/admin", "/login?handler=Logout", [], HttpStatusCode.Redirect);

        (await other.GetAsync("/api/people")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "signing out ended the session everywhere");
        (await app.AuditAsync("account.signed-out")).Should().ContainSingle().Which.Actor.Should().Be("vic@example.com");
    }

    [Fact]
    public async Task APageTheRoleMayNotOpenAnswersAPageWithAWayBackAndTheNavOffersOnlyWhatItMay()
    {
        await using var app = new FaceAttendanceApp();
        await app.OpenAccountAsync("pat@example.com", Roles.Payroll);
        using var payroll = await app.SignedInBrowserAsync("pat@example.com");

        var refused = await payroll.GetAsync("/admin/people");
        refused.StatusCode.Should().Be(HttpStatusCode.Redirect);
        refused.Headers.Location!.OriginalString.Should().StartWith(AdminAuth.AccessDeniedPath);
        var denied = await payroll.GetAsync(refused.Headers.Location!.OriginalString);
        denied.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        denied.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var page = await denied.Content.ReadAsStringAsync();
        page.Should().Contain("Your role, <strong>Payroll</strong>, may not open that page").And.Contain("Back to the dashboard");

        var dashboard = await payroll.GetStringAsync("/admin");
        Nav(dashboard).Should().Equal("Dashboard", "Attendance", "Timesheets", "Kiosk");
        dashboard.Should().NotContain("Use this browser as a kiosk");
        using var owner = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);
        Nav(await owner.GetStringAsync("/admin")).Should().Equal(
            "Dashboard", "People", "Attendance", "Unknown faces", "Timesheets", "Kiosks", "Sites", "Audit log", "Webhooks", "Accounts", "API keys", "Kiosk");
    }

    [Fact]
    public async Task AnAccountsOwnPasswordAndTwoStepChangesAreAudited()
    {
        await using var app = new FaceAttendanceApp();
        await app.OpenAccountAsync("ida@example.com", Roles.Admin);
        using var browser = await app.SignedInBrowserAsync("ida@example.com");
        await AccountPagesTests.PostAsync(browser, "/admin/account", "?handler=Password", new()
        {
            ["Password.Current"] = AccountSteps.Password, ["Password.New"] = "another long passphrase", ["Password.Again"] = "another long passphrase",
        }, HttpStatusCode.Redirect);
        (await browser.GetAsync("/api/people")).StatusCode.Should().Be(HttpStatusCode.OK, "the browser that changed it stays signed in");

        var enrolled = await AccountPagesTests.PostAsync(browser, "/admin/account", "?handler=TurnOn", []);
        var secret = Regex.Match(enrolled, "id=\"totp-secret\"[^>]*>([A-Z2-7]+)<").Groups[1].Value;
        await AccountPagesTests.PostAsync(browser, "/admin/account", "?handler=Confirm", new()
        {
            ["code"] = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(secret)).ComputeTotp(app.Clock.GetUtcNow().UtcDateTime),
        });

        var actions = (await app.AuditAsync()).Where(e => e.Actor == "ida@example.com").Select(e => e.Action).Reverse();
        actions.Should().Equal("account.created", "account.signed-in", "account.password-changed", "account.two-step-on", "account.recovery-codes-renewed");
    }

    [Theory]
    [InlineData("/admin/invitation")]
    [InlineData("/admin/reset")]
    public async Task AOneTimeLinkUsedOrUnknownAnswersItsPageSayingSo(string page)
    {
        await using var app = new FaceAttendanceApp();
        using var anonymous = app.CreateClient();

        var answer = await anonymous.GetAsync($"{page}?token=not-a-token-anyone-issued");

        answer.StatusCode.Should().Be(HttpStatusCode.NotFound);
        answer.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await answer.Content.ReadAsStringAsync()).Should().Contain("This link has been used, revoked or has expired");
    }

    private static IEnumerable<string> Nav(string page) =>
        Regex.Match(page, "<nav aria-label=\"Admin\">(.*?)</nav>", RegexOptions.Singleline).Groups[1].Value
            .Split("</a>").Select(link => Regex.Replace(link, "<[^>]+>", "").Trim()).Where(text => text.Length > 0);
}
