using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FaceAttendance.Tests.Web.Admin;

/// <summary>What the account tests do again and again: open an account through an invitation, sign a browser in, read the
/// audit log.</summary>
internal static class AccountSteps
{
    public const string Password = "a long enough passphrase";

    /// <summary>Invites <paramref name="email"/> with the configured key and accepts with <see cref="Password"/>: the account's id.</summary>
    public static async Task<Guid> OpenAccountAsync(this FaceAttendanceApp app, string email, string role)
    {
        using var owner = app.CreateAdminClient();
        var invited = await owner.PostAsJsonAsync("/api/accounts/invitations", new { email, displayName = email.Split('@')[0], role });
        invited.StatusCode.Should().Be(HttpStatusCode.Created, await invited.Content.ReadAsStringAsync());
        var token = (await invited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        using var anonymous = app.CreateClient();
        var accepted = await anonymous.PostAsJsonAsync("/api/accounts/invitations/accept", new { token, password = Password });
        accepted.StatusCode.Should().Be(HttpStatusCode.Created, await accepted.Content.ReadAsStringAsync());
        return (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A browser (cookies kept, no redirects followed) signed in as <paramref name="name"/>.</summary>
    public static async Task<HttpClient> SignedInBrowserAsync(this FaceAttendanceApp app, string name, string password = Password)
    {
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await AccountsTests.LogInAsync(browser, name, password)).StatusCode.Should().Be(HttpStatusCode.Redirect, $"{name} signs in");
        return browser;
    }

    /// <summary>The newest entries of the audit log first, read with the configured key.</summary>
    public static async Task<IReadOnlyList<AuditEntryResponse>> AuditAsync(this FaceAttendanceApp app, string? action = null)
    {
        using var owner = app.CreateAdminClient();
        var query = action is null ? "" : $"&action={action}";
        return (await owner.GetFromJsonAsync<Page<AuditEntryResponse>>($"/api/audit?pageSize=500{query}", Json.Options))!.Items;
    }
}
