using System.Net;
using System.Text.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Http;

public sealed class HostingTests
{
    [Fact]
    public async Task TheAdminHealthReportShowsDatabaseStorageEngineAndFaceIndex()
    {
        await using var app = new FaceAttendanceApp();
        using var client = app.CreateAdminClient();

        var health = JsonDocument.Parse(await client.GetStringAsync("/api/health")).RootElement;

        health.GetProperty("status").GetString().Should().Be("Healthy");
        health.GetProperty("checks").EnumerateObject().Select(c => c.Name).Should().BeEquivalentTo("database", "disk", "storage", "engine", "faceIndex");
        health.GetProperty("checks").GetProperty("database").GetProperty("description").GetString().Should().Be("SQLite answers and takes writes.");
        health.GetProperty("checks").GetProperty("faceIndex").GetProperty("data").GetProperty("lag").GetInt64().Should().Be(0);
    }

    [Theory]
    [InlineData("/", "camera=(self)", null)]
    [InlineData("/admin/login", "camera=()", "no-store")]
    [InlineData("/healthz", "camera=()", null)]
    [InlineData("/api/people", "camera=()", "no-store")] // a 401 still carries them
    [InlineData("/api/people/0190a8d2-0000-7000-8000-000000000000/faces/0190a8d2-0000-7000-8000-000000000001/photo", "camera=()", "no-store")]
    public async Task EveryResponseCarriesTheSecurityHeaders(string path, string camera, string? cacheControl)
    {
        await using var app = new FaceAttendanceApp();
        using var client = app.CreateClient();

        var response = await client.GetAsync(path);

        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("no-referrer");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Content-Security-Policy").Single().Should().Contain("frame-ancestors 'none'")
            .And.Contain("script-src 'self';").And.NotContain("unsafe-inline");
        response.Headers.GetValues("Permissions-Policy").Single().Should().StartWith(camera);
        if (cacheControl is not null)
        {
            response.Headers.CacheControl!.NoStore.Should().BeTrue();
        }
    }

    [Fact]
    public async Task EveryLinkOfTheAdminPagesIsLowerCase()
    {
        await using var app = new FaceAttendanceApp();
        var person = await app.CreatePersonAsync("E100", "Al Sharpton");
        using var admin = app.CreateAdminClient();
        var links = new List<string>();

        foreach (var page in new[] { "/admin", "/admin/people", $"/admin/people/details/{person.Id}", "/admin/attendance", "/admin/timesheets", "/admin/audit" })
        {
            var html = await admin.GetStringAsync(page);
            links.AddRange(System.Text.RegularExpressions.Regex.Matches(html, "(?:href|action)=\"(/[^\"?#]*)").Select(m => m.Groups[1].Value));
        }

        links.Should().Contain("/admin/people").And.Contain(l => l.StartsWith("/admin/people/details/", StringComparison.Ordinal));
        links.Where(l => !l.StartsWith("/css/", StringComparison.Ordinal) && !l.StartsWith("/js/", StringComparison.Ordinal))
            .Should().OnlyContain(l => l == l.ToLowerInvariant());
    }

    [Fact]
    public async Task FingerprintedAssetsAreImmutableAndTheRestIsRevalidated()
    {
        await using var app = new FaceAttendanceApp();
        using var client = app.CreateClient();
        var kiosk = await client.GetStringAsync("/");
        var fingerprinted = System.Text.RegularExpressions.Regex.Match(kiosk, "src=\"(/js/kiosk/kiosk.js\\?v=[^\"]+)\"").Groups[1].Value;

        var versioned = await client.GetAsync(fingerprinted);
        var imported = await client.GetAsync("/js/kiosk/api.js");

        fingerprinted.Should().NotBeEmpty(kiosk);
        versioned.StatusCode.Should().Be(HttpStatusCode.OK);
        versioned.Headers.CacheControl!.ToString().Should().Be("public, max-age=31536000, immutable");
        imported.StatusCode.Should().Be(HttpStatusCode.OK);
        imported.Headers.CacheControl!.NoCache.Should().BeTrue("a module import carries no fingerprint");
    }

    [Fact]
    public async Task TheWebcamEnrolmentPageMayUseTheCamera()
    {
        await using var app = new FaceAttendanceApp();
        using var client = app.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync($"/admin/people/details/{Guid.NewGuid()}");

        response.Headers.GetValues("Permissions-Policy").Single().Should().StartWith("camera=(self)");
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheKioskAndAdminRoutes()
    {
        await using var app = new FaceAttendanceApp();
        using var client = app.CreateClient();

        var paths = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("paths");

        paths.EnumerateObject().Select(p => p.Name).Should().Contain(
            ["/presign", "/uploads/{key}", "/attendance", "/api/people", "/api/people/{id}/faces", "/api/attendance", "/api/attendance.csv", "/api/timesheets"]);
        (await client.GetAsync("/scalar")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnUnknownRouteAnswersWithProblemDetails()
    {
        await using var app = new FaceAttendanceApp();
        using var client = app.CreateClient();

        await (await client.GetAsync("/no/such/thing")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AProvidersSettingsAreCheckedAtStartOnlyWhenThatProviderIsConfigured()
    {
        // the same settings stop a Rekognition app at start: StartupTests
        await using var local = new FaceAttendanceApp(settings: new()
        {
            ["FaceAttendance:Engine:Rekognition:FaceMatchThreshold"] = "150",
            ["FaceAttendance:Storage:S3:Bucket"] = "Not_A_Bucket!",
        });

        using var client = local.CreateClient();
        (await client.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RetentionDeletesSnapshotsOlderThanTheRetentionPeriod()
    {
        await using var app = new FaceAttendanceApp();
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6));
        var old = (await app.EventsAsync()).Single();
        app.Clock.Advance(TimeSpan.FromDays(8));
        using var client = await app.CreateKioskClientAsync();
        var recent = await FaceAttendanceApp.PresignAsync(client);
        (await FaceAttendanceApp.UploadAsync(client, recent, Photos.AlSharpton(2))).EnsureSuccessStatusCode();

        // the hourly background pass may already have run when the clock jumped; either way the end state is the same
        await app.Services.GetRequiredService<SnapshotRetention>().PurgeAsync(CancellationToken.None);

        var kept = Directory.EnumerateFiles(Path.Combine(app.DataDir, "objects", "snapshots"), "*", SearchOption.AllDirectories);
        kept.Select(Path.GetFileName).Should().Equal(Path.GetFileName(recent.Key));
        using var admin = app.CreateAdminClient();
        (await admin.GetStringAsync("/api/attendance")).Should().Contain($"\"id\":\"{old.Id}\"").And.Contain("\"snapshotKey\":null");
    }
}
