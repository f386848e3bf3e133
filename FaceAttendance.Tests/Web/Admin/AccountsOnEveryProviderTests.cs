using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Http;

namespace FaceAttendance.Tests.Web.Admin;

/// <summary>What the keys and accounts ask of the database (conditional updates, deletes, distinct actors) on SQLite and PostgreSQL.</summary>
public sealed class AccountsOnEveryProviderTests(AppConfigurations configurations) : IClassFixture<AppConfigurations>
{
    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task KeysAccountsAndTheirAuditBehaveAlikeOnEveryProvider(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        using var configured = app.CreateAdminClient();
        var created = await (await configured.PostAsJsonAsync("/api/apikeys", new { name = "Exports", role = Roles.Payroll })).Content.ReadFromJsonAsync<CreatedApiKey>(Json.Options);
        using var exports = app.CreateClient();
        exports.DefaultRequestHeaders.Add(AdminAuth.ApiKeyHeader, created!.Key);
        (await exports.GetAsync("/api/timesheets")).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        (await exports.GetAsync("/api/attendance.csv")).EnsureSuccessStatusCode();
        var ida = await app.OpenAccountAsync("ida@example.com", Roles.Admin);
        using var idasBrowser = await app.SignedInBrowserAsync("ida@example.com");
        (await configured.PostAsync($"/api/accounts/{ida}/password-reset", null)).EnsureSuccessStatusCode();
        (await configured.PostAsync($"/api/accounts/{ida}/password-reset", null)).EnsureSuccessStatusCode();
        (await configured.PutAsJsonAsync($"/api/accounts/{ida}/role", new { role = Roles.Viewer })).EnsureSuccessStatusCode();
        (await configured.DeleteAsync($"/api/apikeys/{created.Id}")).EnsureSuccessStatusCode();

        (await configured.GetFromJsonAsync<ApiKeyResponse[]>("/api/apikeys", Json.Options))!.Single().LastUsedAt.Should()
            .BeCloseTo(app.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromMilliseconds(1), "the second use, two minutes on, was written (PostgreSQL keeps microseconds)");
        await (await exports.GetAsync("/api/timesheets")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await idasBrowser.GetAsync("/api/people")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var byIda = (await configured.GetFromJsonAsync<Page<AuditEntryResponse>>($"/api/audit?actorId={ida}", Json.Options))!.Items;
        byIda.Select(e => e.Action).Should().Equal("account.signed-in", "account.created");
        using var owner = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);
        (await owner.GetStringAsync("/admin/audit")).Should().Contain($"<option value=\"{ida}\">ida@example.com</option>");
    }
}
