using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace FaceAttendance.Tests.Web.Admin;

/// <summary>Sign-in with the company's identity provider against a real one (<see cref="OidcTestProvider"/>): from the
/// login page's button, through the provider's login, to the app's callback and the admin pages and API.</summary>
public sealed partial class OidcSignInTests(OidcTestProvider provider) : IClassFixture<OidcTestProvider>
{
    [Fact]
    public async Task TheButtonSignsInThroughTheProviderAndMakesAnAccountWithTheMappedRole()
    {
        // groups are compared ignoring case (the map says fa-admins)
        await provider.SetUserAsync("alice", "alice@contoso.com", emailVerified: true, "FA-Admins", "everyone");
        await using var app = new FaceAttendanceApp(settings: provider.AppSettings());
        using var browser = new TwoHostBrowser(app);

        await SignInAsync(browser, "alice");

        (await browser.GetAsync("/admin")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await browser.GetAsync("/api/audit")).StatusCode.Should().Be(HttpStatusCode.OK, "an Admin reads the audit log");
        (await browser.GetAsync("/api/accounts")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "only an Owner manages accounts");
        var account = await AccountAsync(app, "alice");
        account.Should().NotBeNull();
        account!.Role.Should().Be(Roles.Admin);
        account.Email.Should().Be("alice@contoso.com");
        (await AuditActionsAsync(app, account.Id)).Should().Equal("account.created", "account.signed-in");
    }

    [Fact]
    public async Task ASecondSignInReusesTheAccountAndItsRoleFollowsTheGroupsAtTheProvider()
    {
        await provider.SetUserAsync("bob", "bob@contoso.com", emailVerified: true, "fa-admins");
        await using var app = new FaceAttendanceApp(settings: provider.AppSettings());
        using (var first = new TwoHostBrowser(app))
        {
            await SignInAsync(first, "bob");
        }
        var id = (await AccountAsync(app, "bob"))!.Id;

        await provider.SetUserAsync("bob", "bob@contoso.com", emailVerified: true, "fa-payroll");
        using var second = new TwoHostBrowser(app);
        await SignInAsync(second, "bob");

        var account = await AccountAsync(app, "bob");
        account!.Id.Should().Be(id);
        account.Role.Should().Be(Roles.Payroll);
        (await second.GetAsync("/api/timesheets")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.GetAsync("/api/audit")).StatusCode.Should().Be(HttpStatusCode.Forbidden, "Payroll does not read the audit log");
        (await AuditActionsAsync(app, id)).Should().Equal("account.created", "account.signed-in", "account.role-changed", "account.signed-in");
    }

    [Theory]
    [InlineData("mallory", "mallory@fabrikam.com", true, "may not sign in here")] // a domain that is not allowed
    [InlineData("eve", "eve@contoso.com", false, "may not sign in here")] // the allowed domain, but not verified
    [InlineData("carol", "carol@contoso.com", true, "has no role here")] // let in, but no group maps to a role
    public async Task SomeoneNotLetInOrWithoutARoleGetsNoAccountAndAClearRefusal(string subject, string email, bool verified, string sentence)
    {
        await provider.SetUserAsync(subject, email, verified, subject == "carol" ? "cleaners" : "fa-admins");
        await using var app = new FaceAttendanceApp(settings: provider.AppSettings());
        using var browser = new TwoHostBrowser(app);

        var refused = await LogInAtProviderAsync(browser, subject);

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        refused.RequestMessage!.RequestUri!.AbsolutePath.Should().Be(AdminAuth.LoginPath);
        (await refused.Content.ReadAsStringAsync()).Should().Contain(sentence).And.Contain("Contoso");
        (await AccountAsync(app, subject)).Should().BeNull();
        (await browser.GetAsync("/api/timesheets")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WithADefaultRoleSomeoneWhoseGroupsMapToNoneIsThatRole()
    {
        await provider.SetUserAsync("dan", "dan@contoso.com", emailVerified: true);
        var settings = provider.AppSettings();
        settings["FaceAttendance:Oidc:DefaultRole"] = Roles.Viewer;
        await using var app = new FaceAttendanceApp(settings: settings);
        using var browser = new TwoHostBrowser(app);

        await SignInAsync(browser, "dan");

        (await AccountAsync(app, "dan"))!.Role.Should().Be(Roles.Viewer);
    }

    [Fact]
    public async Task AnInvitedAccountIsLinkedOnlyOnceTheProviderSaysItsEmailIsVerified()
    {
        // let in by group, so an unverified email is not refused already for its domain
        var settings = provider.AppSettings();
        settings["FaceAttendance:Oidc:AllowedGroups:0"] = "fa-admins";
        await using var app = new FaceAttendanceApp(settings: settings);
        using var admin = app.CreateAdminClient();
        var invitation = await (await admin.PostAsJsonAsync("/api/accounts/invitations",
            new { email = "frank@contoso.com", displayName = "Frank", role = Roles.Viewer })).Content.ReadFromJsonAsync<InvitationResponse>(Json.Options);
        (await admin.PostAsJsonAsync("/api/accounts/invitations/accept", new { invitation!.Token, password = "a long enough passphrase" }))
            .StatusCode.Should().Be(HttpStatusCode.Created);
        await provider.SetUserAsync("frank", "frank@contoso.com", emailVerified: false, "fa-admins");
        using var browser = new TwoHostBrowser(app);

        var refused = await LogInAtProviderAsync(browser, "frank");
        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("does not say the email is verified");

        await provider.SetUserAsync("frank", "frank@contoso.com", emailVerified: true, "fa-admins");
        using var later = new TwoHostBrowser(app);
        await SignInAsync(later, "frank");
        await using var scope = app.Services.CreateAsyncScope();
        var accounts = await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().Users.Where(a => a.Email == "frank@contoso.com").ToListAsync();
        accounts.Should().ContainSingle().Which.Role.Should().Be(Roles.Admin, "the role follows the provider's groups from then on");
        (await AccountAsync(app, "frank"))!.Id.Should().Be(accounts[0].Id);
    }

    [Theory]
    [InlineData(true)] // signed in with the provider before
    [InlineData(false)] // a password account with the same verified email, not linked yet
    public async Task ALockedAccountCannotSignInWithTheProviderEither(bool linked)
    {
        await provider.SetUserAsync("grace", "grace@contoso.com", emailVerified: true, "fa-admins");
        await using var app = new FaceAttendanceApp(settings: provider.AppSettings());
        if (linked)
        {
            using var browser = new TwoHostBrowser(app);
            await SignInAsync(browser, "grace");
        }
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var account = linked ? (await users.FindByLoginAsync(OidcSignIn.Scheme, "grace"))!
                : new Account { UserName = "grace@contoso.com", Email = "grace@contoso.com", DisplayName = "Grace", Role = Roles.Viewer };
            if (!linked)
            {
                (await users.CreateAsync(account, "a long enough passphrase")).Succeeded.Should().BeTrue();
            }
            (await users.SetLockoutEndDateAsync(account, DateTimeOffset.UtcNow.AddDays(1))).Succeeded.Should().BeTrue();
        }
        using var stranger = new TwoHostBrowser(app);

        var refused = await LogInAtProviderAsync(stranger, "grace");

        refused.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await refused.Content.ReadAsStringAsync()).Should().Contain("This account is locked");
        (await AccountAsync(app, "grace") is null).Should().Be(!linked, "a locked account is not linked either");
    }

    [Theory]
    [InlineData("/admin/people", "/admin/people")]
    [InlineData("https://evil.example/admin", "/admin")]
    [InlineData("//evil.example/admin", "/admin")]
    [InlineData("/\t/evil.example", "/admin")]
    [InlineData("/\n/evil.example", "/admin")]
    [InlineData("/\r\n/evil.example", "/admin")]
    [InlineData("/\\evil.example", "/admin")]
    [InlineData("/admin /evil.example", "/admin")]
    public async Task AfterSignInTheBrowserGoesBackOnlyToAPageOfThisSite(string returnUrl, string next)
    {
        await provider.SetUserAsync("ivan", "ivan@contoso.com", emailVerified: true, "fa-admins");
        await using var app = new FaceAttendanceApp(settings: provider.AppSettings());
        using var browser = new TwoHostBrowser(app);

        var signedIn = await LogInAtProviderAsync(browser, "ivan", link: $"{OidcSignIn.ChallengePath}?returnUrl={Uri.EscapeDataString(returnUrl)}");

        (await signedIn.Content.ReadAsStringAsync()).Should().Contain($"<meta http-equiv=\"refresh\" content=\"0;url={next}\">");
    }

    public enum Tamper { State, NonceCookie, AnotherBrowser }

    [Theory]
    [InlineData(Tamper.State)]
    [InlineData(Tamper.NonceCookie)]
    [InlineData(Tamper.AnotherBrowser)]
    public async Task ACallbackThatWasTamperedWithEndsOnTheLoginPageWith400(Tamper tamper)
    {
        await provider.SetUserAsync("heidi", "heidi@contoso.com", emailVerified: true, "fa-admins");
        await using var app = new FaceAttendanceApp(settings: provider.AppSettings());
        using var browser = new TwoHostBrowser(app);
        var toCallback = await LogInAtProviderAsync(browser, "heidi", stopAtCallback: true);
        var callback = new Uri(TwoHostBrowser.App, toCallback.Headers.Location!);
        using var other = new TwoHostBrowser(app);

        var failed = tamper switch
        {
            Tamper.State => await browser.SendAsync(HttpMethod.Get, new Uri(Regex.Replace(callback.ToString(), "state=([^&])", "state=X$1"))),
            Tamper.NonceCookie => await WithoutNonceCookie(browser).SendAsync(HttpMethod.Get, callback),
            _ => await other.SendAsync(HttpMethod.Get, callback),
        };

        failed.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        failed.RequestMessage!.RequestUri!.AbsolutePath.Should().Be(AdminAuth.LoginPath);
        (await failed.Content.ReadAsStringAsync()).Should().Contain("did not complete");
        (await AccountAsync(app, "heidi")).Should().BeNull();
    }

    [Fact]
    public async Task WithoutAProviderTheLoginPageHasNoLinkAndItsAddressAnswers404()
    {
        await using var app = new FaceAttendanceApp();
        using var client = app.CreateClient();

        (await client.GetStringAsync(AdminAuth.LoginPath)).Should().NotContain("Sign in with");
        var challenge = await client.GetAsync(OidcSignIn.ChallengePath);
        challenge.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await challenge.Content.ReadAsStringAsync()).Should().Contain("oidc-not-configured");
    }

    /// <summary>The section as bound from configuration and checked at start (StartupTests shows a real start refused).</summary>
    [Theory]
    [InlineData("Authority", "not a url", "Authority 'not a url' is not an absolute https URL")]
    [InlineData("RequireHttpsMetadata", "true", "must use https")]
    [InlineData("RoleMap:fa-admins", "Boss", "RoleMap:fa-admins is 'Boss'; use one of Owner, Admin")]
    [InlineData("DefaultRole", "Boss", "DefaultRole is 'Boss'")]
    [InlineData("ClientSecret", "", "ClientSecret is required")]
    [InlineData("AllowedDomains:0", null, "set AllowedDomains or AllowedGroups")]
    public void AWrongProviderSettingIsRefusedNamingIt(string key, string? value, string message)
    {
        var settings = provider.AppSettings();
        settings[$"FaceAttendance:Oidc:{key}"] = value;
        var options = new ConfigurationBuilder().AddInMemoryCollection(settings.Where(s => s.Value is not null)).Build()
            .GetSection(OidcOptions.Section).Get<OidcOptions>()!;

        new OidcOptionsValidator().Validate(null, options).FailureMessage.Should().Contain(message);
        new OidcOptionsValidator().Validate(null, new ConfigurationBuilder().AddInMemoryCollection(provider.AppSettings()).Build()
            .GetSection(OidcOptions.Section).Get<OidcOptions>()!).Succeeded.Should().BeTrue("the tests' own settings are valid");
    }

    /// <summary>Through the login page's button and the provider's login form: the answer after the app's callback
    /// (the login page when refused), or the provider's redirect to the callback when <paramref name="stopAtCallback"/>.</summary>
    /// <param name="link">the sign-in link to follow; the login page's when null.</param>
    private async Task<HttpResponseMessage> LogInAtProviderAsync(TwoHostBrowser browser, string subject, bool stopAtCallback = false, string? link = null)
    {
        if (link is null)
        {
            var page = await (await browser.GetAsync(AdminAuth.LoginPath)).Content.ReadAsStringAsync();
            link = WebUtility.HtmlDecode(ProviderLink().Match(page).Groups[1].Value);
            link.Should().Be($"{OidcSignIn.ChallengePath}?returnUrl=%2Fadmin");
        }
        var toProvider = await browser.SendAsync(HttpMethod.Get, new Uri(TwoHostBrowser.App, link), stopAt: url => url.Host != TwoHostBrowser.App.Host);
        toProvider.StatusCode.Should().Be(HttpStatusCode.Redirect, await toProvider.Content.ReadAsStringAsync());
        var authorize = toProvider.Headers.Location!;
        authorize.GetLeftPart(UriPartial.Authority).Should().Be(provider.Authority.GetLeftPart(UriPartial.Authority));
        // the app pushed its request first (PAR, as the provider offers it); the provider refuses one without PKCE
        authorize.Query.Should().Contain("request_uri=");
        var form = await browser.SendAsync(HttpMethod.Get, authorize, stopAt: url => url.AbsolutePath.StartsWith("/interaction/", StringComparison.Ordinal));
        var interaction = new Uri(authorize, form.Headers.Location!);
        return await browser.SendAsync(HttpMethod.Post, interaction, new FormUrlEncodedContent(new Dictionary<string, string> { ["login"] = subject }),
            stopAt: stopAtCallback ? url => url.AbsolutePath == "/signin-oidc" : null);
    }

    /// <summary>The whole way to a signed-in browser: the callback's page moves on to /admin by itself.</summary>
    private async Task SignInAsync(TwoHostBrowser browser, string subject)
    {
        var signedIn = await LogInAtProviderAsync(browser, subject);
        var page = await signedIn.Content.ReadAsStringAsync();
        signedIn.StatusCode.Should().Be(HttpStatusCode.OK, page);
        signedIn.RequestMessage!.RequestUri!.AbsolutePath.Should().Be(OidcSignIn.CallbackPath);
        page.Should().Contain("<meta http-equiv=\"refresh\" content=\"0;url=/admin\">");
    }

    private static TwoHostBrowser WithoutNonceCookie(TwoHostBrowser browser)
    {
        var nonces = browser.Cookies.GetAllCookies().Where(c => c.Name.StartsWith(".AspNetCore.OpenIdConnect.Nonce", StringComparison.Ordinal)).ToList();
        nonces.Should().NotBeEmpty();
        nonces.ForEach(c => c.Expired = true);
        return browser;
    }

    private static async Task<Account?> AccountAsync(FaceAttendanceApp app, string subject)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<Account>>().FindByLoginAsync(OidcSignIn.Scheme, subject);
    }

    private static async Task<List<string>> AuditActionsAsync(FaceAttendanceApp app, Guid account)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().AuditEntries
            .Where(e => e.Subject == account.ToString()).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync();
    }

    [GeneratedRegex("<a class=\"button\" href=\"([^\"]+)\">Sign in with Contoso</a>")]
    private static partial Regex ProviderLink();
}
