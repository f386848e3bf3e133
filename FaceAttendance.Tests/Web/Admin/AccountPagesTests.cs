using System.Net;
using System.Text.RegularExpressions;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;

namespace FaceAttendance.Tests.Web.Admin;

/// <summary>The Owner's pages: /admin/apikeys and /admin/accounts, through a signed-in browser.</summary>
public sealed partial class AccountPagesTests
{
    [Fact]
    public async Task TheApiKeysPageShowsANewKeyOnceAndRevokesItOnlyWhenConfirmed()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);

        var made = await PostAsync(owner, "/admin/apikeys", "?handler=Create", new() { ["Input.Name"] = "Payroll export", ["Input.Role"] = Roles.Payroll });
        var key = KeyPattern().Match(made).Value;
        using var payroll = app.CreateClient();
        payroll.DefaultRequestHeaders.Add(AdminAuth.ApiKeyHeader, key);

        key.Should().NotBeEmpty();
        (await payroll.GetAsync("/api/timesheets")).StatusCode.Should().Be(HttpStatusCode.OK);
        var listed = await owner.GetStringAsync("/admin/apikeys");
        listed.Should().Contain("Payroll export").And.NotContain(key);
        var id = Regex.Match(listed, "id=\"confirm-([0-9a-f-]{36})\"").Groups[1].Value;
        (await PostAsync(owner, "/admin/apikeys", $"?handler=Revoke&id={id}", [])).Should().Contain("Tick the box").And.NotContain(">Name the key after", "only the revoke form was sent");
        (await payroll.GetAsync("/api/timesheets")).StatusCode.Should().Be(HttpStatusCode.OK, "not revoked without the confirmation");
        await PostAsync(owner, "/admin/apikeys", $"?handler=Revoke&id={id}", new() { ["confirm"] = "true" }, HttpStatusCode.Redirect);
        (await payroll.GetAsync("/api/timesheets")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TheAccountsPageInvitesAndRevokesAnInvitationOnlyWhenConfirmed()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);

        var invited = await PostAsync(owner, "/admin/accounts", "?handler=Invite",
            new() { ["Input.Email"] = "nia@example.com", ["Input.DisplayName"] = "Nia", ["Input.Role"] = Roles.Manager });
        invited.Should().Contain("/admin/invitation?token=");
        var notAnEmail = await PostAsync(owner, "/admin/accounts", "?handler=Invite",
            new() { ["Input.Email"] = "admin", ["Input.DisplayName"] = "Nia", ["Input.Role"] = Roles.Manager });
        notAnEmail.Should().Contain("is not a valid e-mail address");

        var page = await owner.GetStringAsync("/admin/accounts");
        page.Should().Contain("nia@example.com").And.NotContain("token=");
        var id = Regex.Match(page, "id=\"confirm-([0-9a-f-]{36})\"").Groups[1].Value;
        (await PostAsync(owner, "/admin/accounts", $"?handler=RevokeInvitation&id={id}", [])).Should().Contain("Tick the box");
        await PostAsync(owner, "/admin/accounts", $"?handler=RevokeInvitation&id={id}", new() { ["confirm"] = "true" }, HttpStatusCode.Redirect);
        (await owner.GetStringAsync("/admin/accounts")).Should().Contain("No invitation is waiting.");
    }

    [Fact]
    public async Task AnAccountsPageChangesItsRoleDisablesItWhenConfirmedAndIssuesAResetLink()
    {
        await using var app = new FaceAttendanceApp();
        var ivy = await app.OpenAccountAsync("ivy@example.com", Roles.Viewer);
        var first = await AccountManagementTests.FirstOwnerIdAsync(app);
        using var owner = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);
        var path = $"/admin/accounts/details/{ivy}";

        await PostAsync(owner, path, "?handler=Role", new() { ["role"] = Roles.Payroll }, HttpStatusCode.Redirect);
        (await owner.GetStringAsync(path)).Should().Contain("The role is now Payroll.");
        (await PostAsync(owner, path, "?handler=Disable", [])).Should().Contain("Tick the box");
        await PostAsync(owner, path, "?handler=Disable", new() { ["confirm"] = "true" }, HttpStatusCode.Redirect);
        (await owner.GetStringAsync(path)).Should().Contain("disabled since");
        var reset = await PostAsync(owner, path, "?handler=Reset", []);
        reset.Should().Contain("/admin/reset?token=");
        (await PostAsync(owner, $"/admin/accounts/details/{first}", "?handler=Role", new() { ["role"] = Roles.Admin }))
            .Should().Contain("This is the last active Owner");

        var accounts = await app.AuditAsync();
        accounts.Select(e => e.Action).Should().Contain(["account.role-changed", "account.disabled", "account.password-reset-issued"]);
    }

    /// <summary>Posts a page's form as a browser does: with the antiforgery token of the page; answers the page's HTML.</summary>
    internal static async Task<string> PostAsync(HttpClient browser, string path, string query, Dictionary<string, string> fields,
        HttpStatusCode expected = HttpStatusCode.OK)
    {
        var page = await browser.GetStringAsync(path);
        fields["__RequestVerificationToken"] = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        var response = await browser.PostAsync(path + query, new FormUrlEncodedContent(fields));
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, body);
        return System.Net.WebUtility.HtmlDecode(body);
    }

    [GeneratedRegex("fa_[0-9a-f]{12}_[A-Za-z0-9_-]{43}")]
    private static partial Regex KeyPattern();
}
