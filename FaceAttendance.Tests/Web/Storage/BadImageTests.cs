using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Support;

namespace FaceAttendance.Tests.Web.Storage;

public sealed class BadImageTests
{
    [Fact]
    public async Task SomethingThatIsNotAnImageIsUnsupported()
    {
        await using var app = new FaceAttendanceApp();

        var response = await app.PostSnapshotAsync("%PDF-1.7 not a photo"u8.ToArray());

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-image-type");
    }

    [Theory]
    [InlineData(6 * 1024)]
    [InlineData(1024 * 1024)]
    public async Task AnOverlongKeyIsRefusedWithoutBeingEchoedBack(int length)
    {
        await using var app = new FaceAttendanceApp();
        using var kiosk = await app.CreateKioskClientAsync();
        using var admin = app.CreateAdminClient();
        var person = await app.CreatePersonAsync("E1", "Ann Smith");
        var key = "snapshots/" + new string('a', length) + ".jpg";

        var attendance = await kiosk.PostAsJsonAsync("/attendance", new { key });
        var enrolment = await admin.PostAsJsonAsync($"/api/people/{person.Id}/faces", new { key = key.Replace("snapshots/", "faces/") });

        foreach (var response in new[] { attendance, enrolment })
        {
            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "key-too-long");
            problem.ToString().Length.Should().BeLessThan(1000, "the key is not echoed back");
        }
    }

    [Fact]
    public async Task ATruncatedJpegCannotBeDecoded()
    {
        await using var app = new FaceAttendanceApp();

        var response = await app.PostSnapshotAsync(Photos.AlSharpton(1)[..4000]);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "undecodable-image");
    }

    [Fact]
    public async Task ATruncatedUploadIsRefusedWhenAttendanceReadsIt()
    {
        await using var app = new FaceAttendanceApp();
        using var client = await app.CreateKioskClientAsync();
        var upload = await FaceAttendanceApp.PresignAsync(client);
        (await FaceAttendanceApp.UploadAsync(client, upload, Photos.AlSharpton(1)[..4000])).EnsureSuccessStatusCode();

        var response = await client.PostAsJsonAsync("/attendance", new { key = upload.Key });

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "undecodable-image");
    }

    [Fact]
    public async Task AnOversizeMultipartImageIsTooLarge()
    {
        var settings = new Dictionary<string, string?> { ["FaceAttendance:Uploads:MaxBytes"] = "20000" };
        await using var app = new FaceAttendanceApp(settings: settings);
        var huge = new byte[200_000];
        Photos.AlSharpton(1).CopyTo(huge, 0);

        var response = await app.PostSnapshotAsync(huge);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "image-too-large");
    }

    [Fact]
    public async Task AMultipartFormWithoutAnImageFieldIsABadRequest()
    {
        await using var app = new FaceAttendanceApp();
        using var client = await app.CreateKioskClientAsync();

        var response = await client.PostAsync("/attendance", new MultipartFormDataContent { { new StringContent("hello"), "note" } });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "image-missing");
    }

    [Fact]
    public async Task APhotoWithoutAFaceIsRefusedWithNoFace()
    {
        await using var app = new FaceAttendanceApp();

        var response = await app.CheckAtKioskAsync(Photos.NoFace);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "no-face");
    }

    [Fact]
    public async Task APhotoOfSeveralSimilarSizedFacesIsRefusedWithMultipleFaces()
    {
        await using var app = new FaceAttendanceApp();

        var response = await app.CheckAtKioskAsync(Photos.SideBySide(Photos.AlSharpton(1), Photos.ArtHowe(1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "multiple-faces");
    }

    [Fact]
    public async Task ATooDarkFaceIsRefusedWithPoorQualityAndItsReasons()
    {
        await using var app = new FaceAttendanceApp();

        var response = await app.PostSnapshotAsync(Photos.Darkened(Photos.AlSharpton(1)));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "poor-quality");
        problem.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).Should().Contain("too-dark");
    }

    [Fact]
    public async Task ABodyThatIsNeitherJsonNorAFormIsUnsupported()
    {
        await using var app = new FaceAttendanceApp();
        using var client = await app.CreateKioskClientAsync();

        var response = await client.PostAsync("/attendance", new ByteArrayContent(Photos.AlSharpton(1)) { Headers = { { "Content-Type", "image/jpeg" } } });

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task MalformedJsonIsABadRequest()
    {
        await using var app = new FaceAttendanceApp();
        using var client = await app.CreateKioskClientAsync();

        var response = await client.PostAsync("/attendance", new StringContent("{\"key\":", System.Text.Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "malformed-body");
    }
}
