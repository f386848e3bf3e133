using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FaceAttendance.Tests.Web.Data;

/// <summary>What must behave the same on SQLite and PostgreSQL, and the upgrade of a DataDir from before the shared database.</summary>
public sealed class DatabaseProviderTests(AppConfigurations configurations) : IClassFixture<AppConfigurations>
{
    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task PeopleSearchIgnoresCaseOnEveryProvider(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        await app.CreatePersonAsync("E1", "Ada Lovelace");
        await app.CreatePersonAsync("e2", "Alan Turing");
        using var admin = app.CreateAdminClient();

        var lower = await admin.GetFromJsonAsync<Page<PersonResponse>>("/api/people?search=ALAN", Json.Options);
        var id = await admin.GetFromJsonAsync<Page<PersonResponse>>("/api/people?search=e2", Json.Options);

        lower!.Items.Select(p => p.Name).Should().Equal("Alan Turing");
        id!.Items.Select(p => p.Name).Should().Equal("Alan Turing");
    }

    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task TenAdminsCreatingOneEmployeeIdAtOnceGetOneCreatedAndNineConflicts(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        using var admin = app.CreateAdminClient();

        var statuses = await Task.WhenAll(Enumerable.Range(0, 10).Select(async i =>
            (await admin.PostAsJsonAsync("/api/people", new { employeeId = "E-RACE", name = $"Person {i}" })).StatusCode));

        statuses.Count(s => s == HttpStatusCode.Created).Should().Be(1);
        statuses.Count(s => s == HttpStatusCode.Conflict).Should().Be(9, "the unique index decides, and a lost race is a duplicate, not a 500");
    }

    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task AJobLeaseRefusesAnotherHolderUntilItExpiresOrIsReleased(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        var scopes = app.Services.GetRequiredService<IServiceScopeFactory>();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (first, second) = (new JobLeases(scopes, clock), new JobLeases(scopes, clock));

        (await first.TryAcquireAsync("job", TimeSpan.FromMinutes(5), default)).Should().BeTrue();
        (await second.TryAcquireAsync("job", TimeSpan.FromMinutes(5), default)).Should().BeFalse();
        (await second.TryAcquireAsync("other-job", TimeSpan.FromMinutes(5), default)).Should().BeTrue("leases are per job");
        clock.Advance(TimeSpan.FromMinutes(5));
        (await second.TryAcquireAsync("job", TimeSpan.FromMinutes(5), default)).Should().BeTrue("the first lease ran out");
        (await first.TryAcquireAsync("job", TimeSpan.FromMinutes(5), default)).Should().BeFalse();
        await second.ReleaseAsync("job", default);
        (await first.TryAcquireAsync("job", TimeSpan.FromMinutes(5), default)).Should().BeTrue();
    }

    [Fact]
    public async Task ADataDirFromBeforeTheSharedDatabaseKeepsItsUploadUrlsAndGeneratedCredentials()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"fa-web-legacy-{Guid.NewGuid():N}");
        try
        {
            // what an earlier release left in DataDir: a file key ring that signed an upload URL, and hashed credentials
            var legacyKeys = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(dataDir, "keys")),
                builder => builder.SetApplicationName("FaceAttendance"));
            var key = ObjectKeys.NewSnapshot(DateTimeOffset.UtcNow, ImageFormats.Jpeg, kioskId: null);
            var token = new UploadTokens(legacyKeys, TimeProvider.System)
                .Issue(new UploadGrant(key, ImageFormats.Jpeg, 10 * 1024 * 1024), DateTimeOffset.UtcNow.AddMinutes(5));
            const string apiKey = "legacy-api-key", password = "legacy-password";
            await File.WriteAllTextAsync(Path.Combine(dataDir, "admin-credentials.json"), JsonSerializer.Serialize(new
            {
                apiKeySha256 = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey))),
                passwordHash = new PasswordHasher<object>().HashPassword(null!, password),
            }));

            var unconfigured = new Dictionary<string, string?> { ["FaceAttendance:Admin:ApiKey"] = "", ["FaceAttendance:Admin:Password"] = "" };
            await using var app = new FaceAttendanceApp(dataDir, settings: unconfigured);
            using var client = app.CreateClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
            // a key without a kiosk is an admin's upload (a photo to enrol by key), so the admin PUTs it
            var put = await client.PutAsync($"/uploads/{key}?token={Uri.EscapeDataString(token)}",
                new ByteArrayContent(Photos.AlSharpton(1)) { Headers = { ContentType = new(ImageFormats.Jpeg) } });
            var people = await client.GetAsync("/api/people");

            put.StatusCode.Should().Be(HttpStatusCode.OK, "the old key ring was moved into the database");
            people.StatusCode.Should().Be(HttpStatusCode.OK, "the old credentials were moved into the database");
            Directory.Exists(Path.Combine(dataDir, "keys")).Should().BeFalse();
            File.Exists(Path.Combine(dataDir, "admin-credentials.json")).Should().BeFalse();
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
