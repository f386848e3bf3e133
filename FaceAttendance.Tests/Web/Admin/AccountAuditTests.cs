using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;

namespace FaceAttendance.Tests.Web.Admin;

/// <summary>The audit log names the account or API key behind every account action (issue 24, item 6).</summary>
public sealed class AccountAuditTests
{
    [Fact]
    public async Task EachAccountActionNamesTheAccountThatDidIt()
    {
        await using var app = new FaceAttendanceApp();
        var ownerId = await AccountManagementTests.FirstOwnerIdAsync(app);
        using var owner = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);
        var invited = await (await owner.PostAsJsonAsync("/api/accounts/invitations", new { email = "liv@example.com", displayName = "Liv", role = Roles.Manager }))
            .Content.ReadFromJsonAsync<JsonElement>();
        using var anonymous = app.CreateClient();
        var liv = (await (await anonymous.PostAsJsonAsync("/api/accounts/invitations/accept",
            new { token = invited.GetProperty("token").GetString(), password = AccountSteps.Password })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        using (await app.SignedInBrowserAsync("liv@example.com"))
        {
        }
        var accounts = (await owner.GetFromJsonAsync<AccountResponse[]>("/api/accounts", Json.Options))!;
        accounts.Single(a => a.Id.ToString() == liv).LastSignInAt.Should().Be(app.Clock.GetUtcNow().UtcDateTime);
        (await owner.PostAsync($"/api/accounts/{liv}/disable", null)).EnsureSuccessStatusCode();
        (await owner.PostAsync($"/api/accounts/{liv}/enable", null)).EnsureSuccessStatusCode();
        (await owner.PostAsync($"/api/accounts/{liv}/password-reset", null)).EnsureSuccessStatusCode();

        var audit = (await app.AuditAsync()).Where(e => e.Action.StartsWith("account.", StringComparison.Ordinal)).Reverse()
            .Select(e => $"{e.Action} by {e.Actor} ({(e.ActorId == ownerId ? "owner" : e.ActorId == liv ? "liv" : e.ActorId)}) on {(e.Subject == liv ? "liv" : "-")}");

        audit.Should().Equal(
            "account.signed-in by admin (owner) on -",
            "account.invited by admin (owner) on -",
            "account.created by liv@example.com (liv) on liv",
            "account.signed-in by liv@example.com (liv) on liv",
            "account.disabled by admin (owner) on liv",
            "account.enabled by admin (owner) on liv",
            "account.password-reset-issued by admin (owner) on liv");
    }

    [Fact]
    public async Task FailedSignInsAreAuditedWithTheNameTriedButNeverThePassword()
    {
        await using var app = new FaceAttendanceApp();
        var lee = (await app.OpenAccountAsync("lee@example.com", Roles.Viewer)).ToString();
        for (var attempt = 0; attempt < 10; attempt++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(16)); // past the address throttle
            using var attacker = app.CreateClient();
            await AccountsTests.LogInAsync(attacker, "lee@example.com", "secret guess " + attempt);
        }
        using var someone = app.CreateClient();
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        await AccountsTests.LogInAsync(someone, "nobody@example.com", "secret guess 10");

        var audit = await app.AuditAsync();
        audit.Where(e => e.Action == "account.sign-in-failed" && e.Subject == lee).Should().HaveCount(10)
            .And.AllSatisfy(e => (e.Actor, e.ActorId, e.Detail).Should().Be(("anonymous", null, "as lee@example.com: wrong password")));
        audit.Should().ContainSingle(e => e.Action == "account.locked-out").Which.Subject.Should().Be(lee);
        audit.Should().ContainSingle(e => e.Action == "account.sign-in-failed" && e.Subject == null).Which.Detail.Should().Be("unknown name nobody@example.com");
        audit.Should().NotContain(e => (e.Detail ?? "").Contains("secret guess"));
    }
}
