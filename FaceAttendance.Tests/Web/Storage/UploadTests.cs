using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Storage;

namespace FaceAttendance.Tests.Web.Storage;

public sealed class UploadTests
{
    [Fact]
    public async Task PresignGivesAServerChosenSnapshotKeyAndAPutUrlOnThisApp()
    {
        await using var app = new FaceAttendanceApp();
        using var client = await app.CreateKioskClientAsync();

        var upload = await FaceAttendanceApp.PresignAsync(client, ImageFormats.Png);

        // the key names the kiosk it was issued to
        upload.Key.Should().MatchRegex(@"^snapshots/\d{4}/\d{2}/\d{2}/" + $"{(await app.KioskAsync()).Id:N}" + @"/[0-9a-f]{32}\.png$");
        upload.UploadUrl.Should().StartWith($"http://localhost/uploads/{upload.Key}?token=");
        upload.Method.Should().Be("PUT");
        upload.Headers.Should().Contain("Content-Type", "image/png");
        upload.ExpiresAt.Should().Be(app.Clock.GetUtcNow() + TimeSpan.FromMinutes(5));
    }

    [Fact]
    public async Task PresignRefusesContentTypesThatAreNotImages()
    {
        await using var app = new FaceAttendanceApp();
        using var client = await app.CreateKioskClientAsync();

        var response = await client.PostAsJsonAsync("/presign", new { contentType = "text/html" });

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-image-type");
    }

    [Fact]
    public async Task AnExpiredUploadUrlIsRefusedAndLeavesNothingBehind()
    {
        await using var app = new FaceAttendanceApp();
        using var client = await app.CreateKioskClientAsync();
        var upload = await FaceAttendanceApp.PresignAsync(client);

        app.Clock.Advance(TimeSpan.FromMinutes(6));
        var response = await FaceAttendanceApp.UploadAsync(client, upload, Photos.AlSharpton(1));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "upload-not-authorised");
        await AssertNothingStoredAsync(app, client, upload.Key);
    }

    [Fact]
    public async Task AForgedTokenIsRefused()
    {
        await using var app = new FaceAttendanceApp();
        using var client = await app.CreateKioskClientAsync();
        var upload = await FaceAttendanceApp.PresignAsync(client);
        var forged = upload with { UploadUrl = upload.UploadUrl[..^6] + (upload.UploadUrl.EndsWith("AAAAAA") ? "BBBBBB" : "AAAAAA") };

        var response = await FaceAttendanceApp.UploadAsync(client, forged, Photos.AlSharpton(1));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "upload-not-authorised");
        await AssertNothingStoredAsync(app, client, upload.Key);
    }

    [Fact]
    public async Task ATokenCannotBeUsedForAnotherKey()
    {
        await using var app = new FaceAttendanceApp();
        using var client = await app.CreateKioskClientAsync();
        var first = await FaceAttendanceApp.PresignAsync(client);
        var second = await FaceAttendanceApp.PresignAsync(client);
        var token = first.UploadUrl[first.UploadUrl.IndexOf('?')..];

        var response = await FaceAttendanceApp.UploadAsync(client, second with { UploadUrl = $"/uploads/{second.Key}{token}" }, Photos.AlSharpton(1));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "upload-not-authorised");
    }

    [Fact]
    public async Task AnUploadWithAnotherContentTypeThanPresignedIsRefused()
    {
        await using var app = new FaceAttendanceApp();
        using var client = await app.CreateKioskClientAsync();
        var upload = await FaceAttendanceApp.PresignAsync(client);

        var response = await FaceAttendanceApp.UploadAsync(client, upload, Photos.AlSharpton(1), contentType: "image/png");

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-image-type");
        await AssertNothingStoredAsync(app, client, upload.Key);
    }

    [Fact]
    public async Task AnUploadWhoseBytesAreNotTheDeclaredImageTypeIsRefused()
    {
        await using var app = new FaceAttendanceApp();
        using var client = await app.CreateKioskClientAsync();
        var upload = await FaceAttendanceApp.PresignAsync(client);

        var response = await FaceAttendanceApp.UploadAsync(client, upload, "<html>not a photo</html>"u8.ToArray());

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-image-type");
        await AssertNothingStoredAsync(app, client, upload.Key);
    }

    [Fact]
    public async Task AnOversizeUploadIsRefusedAndLeavesNothingBehind()
    {
        var settings = new Dictionary<string, string?> { ["FaceAttendance:Uploads:MaxBytes"] = "20000" };
        await using var app = new FaceAttendanceApp(settings: settings);
        using var client = await app.CreateKioskClientAsync();
        var upload = await FaceAttendanceApp.PresignAsync(client);
        var oversize = new byte[20001];
        Photos.AlSharpton(1).CopyTo(oversize, 0);

        var response = await FaceAttendanceApp.UploadAsync(client, upload, oversize);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "image-too-large");
        await AssertNothingStoredAsync(app, client, upload.Key);
    }

    [Fact]
    public async Task AClientOverTheKioskRequestLimitGets429WithRetryAfterAndTheAdminApiStaysOpen()
    {
        await using var app = new FaceAttendanceApp(settings: new() { ["FaceAttendance:Kiosk:RequestsPerMinute"] = "3" });
        using var client = await app.CreateKioskClientAsync();
        using var admin = app.CreateAdminClient();
        var upload = await FaceAttendanceApp.PresignAsync(client);
        (await FaceAttendanceApp.UploadAsync(client, upload, Photos.AlSharpton(1))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.PostAsJsonAsync("/attendance", new { key = upload.Key })).StatusCode.Should().Be(HttpStatusCode.OK);

        var fourth = await client.PostAsJsonAsync("/presign", new { contentType = "image/jpeg" });

        await fourth.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "too-many-requests");
        fourth.Headers.RetryAfter!.Delta.Should().BePositive().And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
        (await admin.GetAsync("/api/people")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AnUploadUrlWritesItsKeyOnlyOnce()
    {
        await using var app = new FaceAttendanceApp();
        using var client = await app.CreateKioskClientAsync();
        var upload = await FaceAttendanceApp.PresignAsync(client);

        (await FaceAttendanceApp.UploadAsync(client, upload, Photos.AlSharpton(1))).StatusCode.Should().Be(HttpStatusCode.OK);
        var again = await FaceAttendanceApp.UploadAsync(client, upload, Photos.ArtHowe(1));

        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict, "already-uploaded");
        File.ReadAllBytes(Path.Combine(app.DataDir, "objects", upload.Key)).Should().Equal(Photos.AlSharpton(1));
    }

    [Fact]
    public async Task AttendanceForAKeyNobodyUploadedIsNotFound()
    {
        await using var app = new FaceAttendanceApp();
        using var client = await app.CreateKioskClientAsync();
        var upload = await FaceAttendanceApp.PresignAsync(client);

        await AssertNothingStoredAsync(app, client, upload.Key);
        var outsideSnapshots = await client.PostAsJsonAsync("/attendance", new { key = "../attendance.db" });
        await outsideSnapshots.ShouldBeProblemAsync(HttpStatusCode.NotFound, "unknown-key");
        await (await client.PostAsJsonAsync("/attendance", new { key = "" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "key-missing");
    }

    private static async Task AssertNothingStoredAsync(FaceAttendanceApp app, HttpClient client, string key)
    {
        (await app.StoredSnapshotsAsync()).Should().BeEmpty();
        var response = await client.PostAsJsonAsync("/attendance", new { key });
        var expired = app.Clock.GetUtcNow() - ObjectKeys.IssuedAt(key) > TimeSpan.FromMinutes(6);
        await (expired
            ? response.ShouldBeProblemAsync(HttpStatusCode.Gone, "snapshot-expired")
            : response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "unknown-key"));
    }
}
