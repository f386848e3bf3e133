using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;

namespace FaceAttendance.Tests.Web.Admin;

public sealed class AccountManagementTests
{
    [Fact]
    public async Task ARoleChangeTakesEffectOnASignedInBrowserAtItsNextRequest()
    {
        await using var app = new FaceAttendanceApp();
        var ada = await app.OpenAccountAsync("ada@example.com", Roles.Admin);
        using var adasBrowser = await app.SignedInBrowserAsync("ada@example.com");
        (await adasBrowser.GetAsync("/api/audit")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var owner = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);

        var changed = await owner.PutAsJsonAsync($"/api/accounts/{ada}/role", new { role = Roles.Viewer });

        changed.StatusCode.Should().Be(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        await (await adasBrowser.GetAsync("/api/audit")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var again = await app.SignedInBrowserAsync("ada@example.com");
        (await again.GetAsync("/api/people")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await again.GetAsync("/api/audit")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await owner.GetAsync("/api/accounts")).StatusCode.Should().Be(HttpStatusCode.OK, "the Owner's own cookie is untouched");
        var entry = (await app.AuditAsync("account.role-changed")).Single();
        entry.Subject.Should().Be(ada.ToString());
        entry.Detail.Should().Be("ada@example.com: Admin → Viewer");
        (entry.Actor, entry.ActorId).Should().Be(("admin", await FirstOwnerIdAsync(app)));
    }

    [Fact]
    public async Task ADisabledAccountIsSignedOutAndCannotSignInUntilEnabled()
    {
        await using var app = new FaceAttendanceApp();
        var max = await app.OpenAccountAsync("max@example.com", Roles.Manager);
        using var maxsBrowser = await app.SignedInBrowserAsync("max@example.com");
        using var owner = app.CreateAdminClient();

        var disabled = await (await owner.PostAsync($"/api/accounts/{max}/disable", null)).Content.ReadFromJsonAsync<JsonElement>();

        disabled.GetProperty("disabled").GetBoolean().Should().BeTrue();
        await (await maxsBrowser.GetAsync("/api/people")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var stranger = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await AccountsTests.LogInAsync(stranger, "max@example.com", AccountSteps.Password)).StatusCode.Should().Be(HttpStatusCode.OK, "refused like a wrong password");
        (await owner.PostAsync($"/api/accounts/{max}/enable", null)).StatusCode.Should().Be(HttpStatusCode.OK);
        app.Clock.Advance(TimeSpan.FromMinutes(1)); // past the address throttle's wait, should there be one
        using var _ = await app.SignedInBrowserAsync("max@example.com");
        (await app.AuditAsync()).Where(e => e.Subject == max.ToString()).Select(e => e.Action)
            .Should().ContainInOrder("account.signed-in", "account.enabled", "account.sign-in-failed", "account.disabled");
    }

    [Fact]
    public async Task TheLastActiveOwnerCanBeNeitherDemotedNorDisabled()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();
        var first = Guid.Parse((await FirstOwnerIdAsync(app))!);

        await (await owner.PutAsJsonAsync($"/api/accounts/{first}/role", new { role = Roles.Admin })).ShouldBeProblemAsync(HttpStatusCode.Conflict, "last-owner");
        await (await owner.PostAsync($"/api/accounts/{first}/disable", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "last-owner");
        var second = await app.OpenAccountAsync("olga@example.com", Roles.Owner);
        (await owner.PutAsJsonAsync($"/api/accounts/{first}/role", new { role = Roles.Admin })).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await owner.PostAsync($"/api/accounts/{second}/disable", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "last-owner");
    }

    [Fact]
    public async Task BadRequestsSayWhyAndOnlyAnOwnerManagesAccounts()
    {
        await using var app = TestRoles.App();
        using var owner = app.CreateClient(Roles.Owner);
        using var admin = app.CreateClient(Roles.Admin);
        var first = (await owner.GetFromJsonAsync<AccountResponse[]>("/api/accounts", Json.Options))!.Single().Id;

        await (await owner.PutAsJsonAsync($"/api/accounts/{first}/role", new { role = "Boss" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown-role");
        await (await owner.PutAsJsonAsync($"/api/accounts/{Guid.NewGuid()}/role", new { role = Roles.Admin })).ShouldBeProblemAsync(HttpStatusCode.NotFound, "account-not-found");
        await (await owner.PostAsync($"/api/accounts/{Guid.NewGuid()}/disable", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "account-not-found");
        await (await owner.PostAsync($"/api/accounts/{Guid.NewGuid()}/password-reset", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "account-not-found");
        await (await owner.DeleteAsync($"/api/accounts/invitations/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "invitation-not-found");
        await (await admin.PutAsJsonAsync($"/api/accounts/{first}/role", new { role = Roles.Viewer })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.PostAsync($"/api/accounts/{first}/password-reset", null)).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.GetAsync("/api/accounts/invitations")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task OpenInvitationsAreListedAndARevokedOneCannotBeAccepted()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();
        var kept = await InviteAsync(owner, "kim@example.com");
        var revoked = await InviteAsync(owner, "rob@example.com");

        (await owner.DeleteAsync($"/api/accounts/invitations/{revoked.GetProperty("id").GetGuid()}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var open = (await owner.GetFromJsonAsync<OpenInvitation[]>("/api/accounts/invitations", Json.Options))!;
        open.Select(i => i.Email).Should().Equal("kim@example.com");
        open.Single().Id.Should().Be(kept.GetProperty("id").GetGuid());
        using var anonymous = app.CreateClient();
        await (await anonymous.PostAsJsonAsync("/api/accounts/invitations/accept", new { token = revoked.GetProperty("token").GetString(), password = AccountSteps.Password }))
            .ShouldBeProblemAsync(HttpStatusCode.NotFound, "invitation-invalid");
        var entry = (await app.AuditAsync("account.invitation-revoked")).Single();
        (entry.Detail, entry.Actor).Should().Be(("rob@example.com", "configured api key"));
    }

    [Fact]
    public async Task AResetLinkSetsANewPasswordOnceEndsALockoutAndSignsTheOldBrowsersOut()
    {
        await using var app = new FaceAttendanceApp();
        var pia = await app.OpenAccountAsync("pia@example.com", Roles.Payroll);
        using var piasBrowser = await app.SignedInBrowserAsync("pia@example.com");
        for (var attempt = 0; attempt < 10; attempt++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(16));
            using var attacker = app.CreateClient();
            await AccountsTests.LogInAsync(attacker, "pia@example.com", "guess number " + attempt);
        }
        using var owner = app.CreateAdminClient();
        var issued = await owner.PostAsync($"/api/accounts/{pia}/password-reset", null);
        issued.StatusCode.Should().Be(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        var link = new Uri((await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link").GetString()!);
        const string newPassword = "a brand new passphrase";
        using var anonymous = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var tooShort = await SetPasswordAsync(anonymous, link, "short");
        (await tooShort.Content.ReadAsStringAsync()).Should().Contain("at least 12 characters");
        (await SetPasswordAsync(anonymous, link, newPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        app.Clock.Advance(TimeSpan.FromMinutes(16)); // past the address throttle the guesses started, not Identity's lockout (real time)

        (await anonymous.GetAsync(link.PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.NotFound, "the link works once");
        await (await piasBrowser.GetAsync("/api/timesheets")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        using var stranger = await app.SignedInBrowserAsync("pia@example.com", newPassword);
        (await stranger.GetAsync("/api/timesheets")).StatusCode.Should().Be(HttpStatusCode.OK, "the lockout ended with the reset");
        var audit = await app.AuditAsync();
        audit.Should().ContainSingle(e => e.Action == "account.password-reset-issued" && e.Subject == pia.ToString());
        audit.Should().ContainSingle(e => e.Action == "account.password-reset").Which.ActorId.Should().Be(pia.ToString());
    }

    [Fact]
    public async Task AResetLinkExpiresAfterADayAndANewerOneReplacesIt()
    {
        await using var app = new FaceAttendanceApp();
        var pia = await app.OpenAccountAsync("pia@example.com", Roles.Payroll);
        using var owner = app.CreateAdminClient();
        using var browser = app.CreateClient();
        async Task<Uri> IssueAsync() => new Uri((await (await owner.PostAsync($"/api/accounts/{pia}/password-reset", null))
            .Content.ReadFromJsonAsync<JsonElement>()).GetProperty("link").GetString()!);

        var replaced = await IssueAsync();
        var newest = await IssueAsync();
        (await browser.GetAsync(replaced.PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await browser.GetAsync(newest.PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.OK);
        app.Clock.Advance(PasswordResets.Lifetime + TimeSpan.FromMinutes(1));
        (await browser.GetAsync(newest.PathAndQuery)).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    internal static async Task<string?> FirstOwnerIdAsync(FaceAttendanceApp app)
    {
        using var owner = app.CreateAdminClient();
        return (await owner.GetFromJsonAsync<AccountResponse[]>("/api/accounts", Json.Options))!.Single(a => a.UserName == Account.FirstOwnerUserName).Id.ToString();
    }

    private static async Task<JsonElement> InviteAsync(HttpClient owner, string email)
    {
        var response = await owner.PostAsJsonAsync("/api/accounts/invitations", new { email, displayName = email.Split('@')[0], role = Roles.Viewer });
        response.StatusCode.Should().Be(HttpStatusCode.Created);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpResponseMessage> SetPasswordAsync(HttpClient browser, Uri link, string password)
    {
        var page = await browser.GetStringAsync(link.PathAndQuery);
        var antiforgery = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        return await browser.PostAsync(link.PathAndQuery, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Password"] = password,
            ["Input.Confirm"] = password,
            ["__RequestVerificationToken"] = antiforgery,
        }));
    }
}
