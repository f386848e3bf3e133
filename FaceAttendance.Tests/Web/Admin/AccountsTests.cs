using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Admin;

public sealed class AccountsTests
{
    private const string Password = "a long enough passphrase";

    [Fact]
    public async Task TheAdminPasswordIsTheFirstOwnerAccount()
    {
        await using var app = new FaceAttendanceApp();
        _ = app.Services.GetRequiredService<AdminCredentials>();

        await using var scope = app.Services.CreateAsyncScope();
        var owner = await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().Users.SingleAsync();
        owner.UserName.Should().Be(Account.FirstOwnerUserName);
        owner.Role.Should().Be(Roles.Owner);
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await LogInAsync(browser, "admin", FaceAttendanceApp.AdminPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.GetAsync("/api/accounts")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AChangedConfiguredPasswordReplacesTheFirstOwnersAtTheNextStart()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"fa-web-owner-{Guid.NewGuid():N}");
        try
        {
            await using (var first = new FaceAttendanceApp(dataDir))
            {
                _ = first.Services.GetRequiredService<AdminCredentials>();
            }
            const string changed = "a new configured admin password";
            await using var second = new FaceAttendanceApp(dataDir, settings: new() { ["FaceAttendance:Admin:Password"] = changed });
            using var browser = second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

            (await LogInAsync(browser, "", FaceAttendanceApp.AdminPassword)).StatusCode.Should().Be(HttpStatusCode.OK, "the old password is refused");
            (await LogInAsync(browser, "", changed)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task AnInvitedViewerSetsAPasswordOnceSignsInByEmailAndMayOnlyRead()
    {
        await using var app = new FaceAttendanceApp();
        var invitation = await InviteAsync(app, "vera@example.com", Roles.Viewer);
        invitation.GetProperty("link").GetString().Should().Contain("/admin/invitation?token=");
        using var anonymous = app.CreateClient();
        var token = invitation.GetProperty("token").GetString();

        await (await anonymous.PostAsJsonAsync("/api/accounts/invitations/accept", new { token, password = "short" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await anonymous.PostAsJsonAsync("/api/accounts/invitations/accept", new { token, password = Password })).StatusCode.Should().Be(HttpStatusCode.Created);
        await (await anonymous.PostAsJsonAsync("/api/accounts/invitations/accept", new { token, password = Password }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "invitation-invalid");

        using var vera = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await LogInAsync(vera, "vera@example.com", Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await vera.GetAsync("/api/people")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await vera.PostAsJsonAsync("/api/people", new { employeeId = "E1", name = "Ann", consent = true })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await vera.GetAsync("/api/accounts")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task TheInvitationLinkOpensAPageWhereThePasswordIsChosenOnce()
    {
        await using var app = new FaceAttendanceApp();
        var link = new Uri((await InviteAsync(app, "pat@example.com", Roles.Payroll)).GetProperty("link").GetString()!);
        using var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var page = await browser.GetStringAsync(link.PathAndQuery);
        page.Should().Contain("pat@example.com").And.Contain("Payroll");
        var antiforgery = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var accepted = await browser.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Password"] = Password,
            ["Input.Confirm"] = Password,
            ["__RequestVerificationToken"] = antiforgery,
        }));

        accepted.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.GetAsync(link.PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.NotFound, "the link works once");
        (await LogInAsync(browser, "pat@example.com", Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await browser.GetAsync("/api/timesheets")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnInvitationLinkExpiresAfterSevenDays()
    {
        await using var app = new FaceAttendanceApp();
        var token = (await InviteAsync(app, "late@example.com", Roles.Payroll)).GetProperty("token").GetString();
        app.Clock.Advance(AccountsApi.InvitationLifetime + TimeSpan.FromMinutes(1));
        using var anonymous = app.CreateClient();

        await (await anonymous.PostAsJsonAsync("/api/accounts/invitations/accept", new { token, password = Password }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "invitation-invalid");
    }

    [Fact]
    public async Task OnlyAnOwnerInvitesAndNotTwiceTheSameEmail()
    {
        await using var app = TestRoles.App();
        using var admin = app.CreateClient(Roles.Admin);
        var body = new { email = "sam@example.com", displayName = "Sam", role = Roles.Manager };

        await (await admin.PostAsJsonAsync("/api/accounts/invitations", body)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var token = (await InviteAsync(app, "sam@example.com", Roles.Manager)).GetProperty("token").GetString();
        using var anonymous = app.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/accounts/invitations/accept", new { token, password = Password })).EnsureSuccessStatusCode();
        using var owner = app.CreateAdminClient();
        await (await owner.PostAsJsonAsync("/api/accounts/invitations", body)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "account-exists");
    }

    [Theory]
    [InlineData("o'brien@example.com")]
    [InlineData("first+last@example.com")]
    public async Task AnyValidEmailBecomesAUserName(string email)
    {
        await using var app = new FaceAttendanceApp();

        await app.OpenAccountAsync(email, Roles.Viewer);

        using var browser = await app.SignedInBrowserAsync(email);
        (await browser.GetAsync("/api/timesheets")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheSameInvitationAcceptedTwiceAtOnceOpensOneAccount()
    {
        await using var app = new FaceAttendanceApp();
        var token = (await InviteAsync(app, "twice@example.com", Roles.Viewer)).GetProperty("token").GetString();
        using var first = app.CreateClient();
        using var second = app.CreateClient();

        var answers = await Task.WhenAll(
            first.PostAsJsonAsync("/api/accounts/invitations/accept", new { token, password = Password }),
            second.PostAsJsonAsync("/api/accounts/invitations/accept", new { token, password = Password }));

        answers.Select(a => a.StatusCode).Should().BeEquivalentTo([HttpStatusCode.Created, HttpStatusCode.NotFound]);
        await answers.Single(a => a.StatusCode != HttpStatusCode.Created).ShouldBeProblemAsync(HttpStatusCode.NotFound, "invitation-invalid");
    }

    [Fact]
    public async Task APasswordOfMoreThan200CharactersIsRefused()
    {
        await using var app = new FaceAttendanceApp();
        var token = (await InviteAsync(app, "long@example.com", Roles.Viewer)).GetProperty("token").GetString();
        using var anonymous = app.CreateClient();

        var tooLong = await anonymous.PostAsJsonAsync("/api/accounts/invitations/accept", new { token, password = new string('x', 201) });
        var longest = await anonymous.PostAsJsonAsync("/api/accounts/invitations/accept", new { token, password = new string('x', 200) });

        var problem = await tooLong.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-fields");
        problem.GetProperty("errors").GetProperty("password")[0].GetString().Should().Be("The password must have at most 200 characters.");
        longest.StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task AnEmailWithAnOpenInvitationIsNotInvitedAgain()
    {
        await using var app = new FaceAttendanceApp();
        var expiresAt = (await InviteAsync(app, "once@example.com", Roles.Viewer)).GetProperty("expiresAt").GetDateTime();
        using var owner = app.CreateAdminClient();

        var again = await owner.PostAsJsonAsync("/api/accounts/invitations", new { email = "ONCE@example.com ", displayName = "Once", role = Roles.Admin });

        var problem = await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "invitation-open");
        problem.GetProperty("detail").GetString().Should().Contain($"{expiresAt:yyyy-MM-dd HH:mm}");
    }

    [Fact]
    public async Task AcceptingAnInvitationWhoseEmailBecameAnAccountMeanwhileIsAConflict()
    {
        await using var app = new FaceAttendanceApp();
        var token = (await InviteAsync(app, "meanwhile@example.com", Roles.Viewer)).GetProperty("token").GetString();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            // as a sign-in with the identity provider would make it
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            (await users.CreateAsync(new Account { UserName = "meanwhile@example.com", Email = "meanwhile@example.com", DisplayName = "M", Role = Roles.Viewer }))
                .Succeeded.Should().BeTrue();
        }
        using var anonymous = app.CreateClient();

        var accepted = await anonymous.PostAsJsonAsync("/api/accounts/invitations/accept", new { token, password = Password });

        await accepted.ShouldBeProblemAsync(HttpStatusCode.Conflict, "account-exists");
    }

    [Fact]
    public async Task AnUnknownNameAndAWrongPasswordAnswerAlike()
    {
        await using var app = new FaceAttendanceApp();
        using var browser = app.CreateClient();

        var unknown = await (await LogInAsync(browser, "nobody@example.com", Password)).Content.ReadAsStringAsync();
        var wrong = await (await LogInAsync(browser, "admin", "wrong password!")).Content.ReadAsStringAsync();

        Errors(unknown).Should().Equal(Errors(wrong)).And.Equal("That name, password or code is not right.");
    }

    [Fact]
    public async Task WrongPasswordsLockAnAccountForStrangersButNotForABrowserThatSignedInToItBefore()
    {
        await using var app = new FaceAttendanceApp();
        var token = (await InviteAsync(app, "mia@example.com", Roles.Manager)).GetProperty("token").GetString();
        using (var anonymous = app.CreateClient())
        {
            (await anonymous.PostAsJsonAsync("/api/accounts/invitations/accept", new { token, password = Password })).EnsureSuccessStatusCode();
        }
        using var own = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await LogInAsync(own, "mia@example.com", Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        // every test client is one address: the clock waits out the address throttle before each attempt, never the
        // account's 15 min lockout, which starts at the tenth
        for (var attempt = 0; attempt < 10; attempt++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(16));
            using var attacker = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            await LogInAsync(attacker, "mia@example.com", "guess number " + attempt);
        }
        app.Clock.Advance(TimeSpan.FromMinutes(9));
        using var stranger = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var strangerAttempt = await LogInAsync(stranger, "mia@example.com", Password);
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        var ownAttempt = await LogInAsync(own, "mia@example.com", Password);

        strangerAttempt.StatusCode.Should().Be(HttpStatusCode.OK, "the account is locked for browsers it never signed in from");
        ownAttempt.StatusCode.Should().Be(HttpStatusCode.Redirect, "its own browser is not held by the lockout");
    }

    [Fact]
    public async Task FailuresFromOneAddressDoNotHoldABrowserThatSignedInToTheAccountBefore()
    {
        await using var app = new FaceAttendanceApp();
        using var own = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);

        // every test client is one address, as a whole office behind one NAT is
        for (var attempt = 0; attempt <= LoginThrottle.FreeFailures; attempt++)
        {
            using var attacker = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            await LogInAsync(attacker, "admin", "guess number " + attempt);
        }
        using var stranger = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var strangerAttempt = await LogInAsync(stranger, "admin", FaceAttendanceApp.AdminPassword);
        var otherNameAttempt = await LogInAsync(own, "someone-else@example.com", Password);
        var ownAttempt = await LogInAsync(own, "admin", FaceAttendanceApp.AdminPassword);

        strangerAttempt.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the address is held for browsers the account never signed in from");
        otherNameAttempt.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "the device cookie names only its own account");
        ownAttempt.StatusCode.Should().Be(HttpStatusCode.Redirect, "the Owner's own browser is not held by its address");
    }

    private static async Task<JsonElement> InviteAsync(FaceAttendanceApp app, string email, string role)
    {
        using var owner = app.CreateAdminClient();
        var response = await owner.PostAsJsonAsync("/api/accounts/invitations", new { email, displayName = email.Split('@')[0], role });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static IEnumerable<string> Errors(string page) =>
        Regex.Matches(page, "<li>([^<]+)</li>").Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value));

    internal static async Task<HttpResponseMessage> LogInAsync(HttpClient browser, string name, string password, string? code = null)
    {
        var page = await browser.GetStringAsync("/admin/login");
        var antiforgery = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        return await browser.PostAsync("/admin/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = name,
            ["Input.Password"] = password,
            ["Input.Code"] = code ?? "",
            ["__RequestVerificationToken"] = antiforgery,
        }));
    }
}
