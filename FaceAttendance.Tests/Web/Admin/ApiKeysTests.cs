using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Admin;

public sealed class ApiKeysTests
{
    [Fact]
    public async Task ANewKeyIsShownOnceAndOnlyItsHashIsStored()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();

        var created = await CreateAsync(owner, "Payroll export", Roles.Payroll);
        var listed = await owner.GetStringAsync("/api/apikeys");

        created.Key.Should().MatchRegex($"^fa_{created.Prefix}_[A-Za-z0-9_-]{{43}}$");
        listed.Should().Contain("Payroll export").And.Contain(created.Prefix).And.NotContain(created.Key);
        await using var scope = app.Services.CreateAsyncScope();
        var row = await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().ApiKeys.SingleAsync();
        row.SecretSha256.Should().Be(Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(created.Key))));
        var secret = created.Key[^43..];
        new[] { row.Name, row.Prefix, row.Role, row.CreatedBy, row.SecretSha256 }.Should().NotContain(value => value.Contains(secret));
    }

    [Fact]
    public async Task AKeyHasItsRole()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();
        using var payroll = KeyClient(app, (await CreateAsync(owner, "Payroll export", Roles.Payroll)).Key);

        (await payroll.GetAsync("/api/timesheets")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await payroll.GetAsync("/api/attendance.csv")).StatusCode.Should().Be(HttpStatusCode.OK);
        await (await payroll.PostAsJsonAsync("/api/people", new { employeeId = "E1", name = "Ann", consent = true })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await payroll.GetAsync("/api/apikeys")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ARevokedKeyIsRefusedFromItsNextRequest()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();
        var created = await CreateAsync(owner, "Old HR sync", Roles.Admin);
        using var sync = KeyClient(app, created.Key);
        (await sync.GetAsync("/api/people")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await owner.DeleteAsync($"/api/apikeys/{created.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        await (await sync.GetAsync("/api/people")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        var listed = (await owner.GetFromJsonAsync<ApiKeyResponse[]>("/api/apikeys", Json.Options))!;
        listed.Single().RevokedAt.Should().Be(app.Clock.GetUtcNow().UtcDateTime);
        await (await owner.DeleteAsync($"/api/apikeys/{Guid.NewGuid()}")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "apikey-not-found");
    }

    [Fact]
    public async Task AKeysLastUseIsRecordedToTheMinute()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();
        var created = await CreateAsync(owner, "Dashboard", Roles.Viewer);
        using var dashboard = KeyClient(app, created.Key);
        async Task<DateTime?> LastUsedAsync() => (await owner.GetFromJsonAsync<ApiKeyResponse[]>("/api/apikeys", Json.Options))!.Single().LastUsedAt;
        (await LastUsedAsync()).Should().BeNull();

        var first = app.Clock.GetUtcNow().UtcDateTime;
        (await dashboard.GetAsync("/api/people")).EnsureSuccessStatusCode();
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        (await dashboard.GetAsync("/api/people")).EnsureSuccessStatusCode();
        var afterHalfAMinute = await LastUsedAsync();
        app.Clock.Advance(TimeSpan.FromSeconds(31));
        (await dashboard.GetAsync("/api/people")).EnsureSuccessStatusCode();

        afterHalfAMinute.Should().Be(first, "a use within the minute writes nothing");
        (await LastUsedAsync()).Should().Be(app.Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task TheConfiguredKeyStaysAnOwnerAndTheAuditNamesEachKey()
    {
        await using var app = new FaceAttendanceApp();
        using var configured = app.CreateAdminClient();
        var created = await CreateAsync(configured, "HR sync", Roles.Owner);
        using var sync = KeyClient(app, created.Key);

        (await sync.PostAsJsonAsync("/api/people", new { employeeId = "E7", name = "Bea", consent = true })).StatusCode.Should().Be(HttpStatusCode.Created);
        (await sync.DeleteAsync($"/api/apikeys/{created.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        var audit = await app.AuditAsync();
        audit.Should().ContainSingle(e => e.Action == "apikey.created").Which.Should().Match<AuditEntryResponse>(e =>
            e.Actor == "configured api key" && e.ActorId == null && e.Subject == created.Id.ToString() && e.Detail!.Contains("HR sync"));
        audit.Should().ContainSingle(e => e.Action == "person.created").Which.Should().Match<AuditEntryResponse>(e =>
            e.Actor == "api key HR sync" && e.ActorId == created.Id.ToString());
        audit.Should().ContainSingle(e => e.Action == "apikey.revoked").Which.ActorId.Should().Be(created.Id.ToString(), "a key may revoke itself");
        var byKey = (await configured.GetFromJsonAsync<FaceAttendance.Web.Http.Page<AuditEntryResponse>>($"/api/audit?actorId={created.Id}", Json.Options))!.Items;
        byKey.Select(e => e.Action).Should().BeEquivalentTo("person.created", "apikey.revoked");
    }

    [Fact]
    public async Task OnlyAnOwnerMakesKeysAndABadRequestSaysWhy()
    {
        await using var app = TestRoles.App();
        using var admin = app.CreateClient(Roles.Admin);
        using var owner = app.CreateClient(Roles.Owner);

        await (await admin.GetAsync("/api/apikeys")).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await admin.PostAsJsonAsync("/api/apikeys", new { name = "x", role = Roles.Admin })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await owner.PostAsJsonAsync("/api/apikeys", new { name = "x", role = "Boss" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown-role");
        var manager = await owner.PostAsJsonAsync("/api/apikeys", new { name = "x", role = Roles.Manager });
        (await manager.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "manager-key")).GetProperty("detail").GetString().Should().Contain("Admin key");
        await (await owner.PostAsJsonAsync("/api/apikeys", new { name = "", role = Roles.Admin })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await (await owner.PostAsJsonAsync("/api/apikeys", new { name = new string('n', 51), role = Roles.Admin })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnUnknownOrMalformedKeyIsRefused()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();
        var created = await CreateAsync(owner, "Real", Roles.Owner);

        foreach (var key in new[] { "fa_", "fa__", $"fa_{created.Prefix}_wrong", $"fa_{created.Prefix}", created.Key + "x", "fa_0000_" + created.Key[^43..] })
        {
            using var client = KeyClient(app, key);
            await (await client.GetAsync("/api/people")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        }
    }

    private static HttpClient KeyClient(FaceAttendanceApp app, string key)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(AdminAuth.ApiKeyHeader, key);
        return client;
    }

    private static async Task<CreatedApiKey> CreateAsync(HttpClient owner, string name, string role)
    {
        var response = await owner.PostAsJsonAsync("/api/apikeys", new { name, role });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CreatedApiKey>(Json.Options))!;
    }
}
