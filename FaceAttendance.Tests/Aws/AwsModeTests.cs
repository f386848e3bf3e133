using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Aws.Rekognition;
using FaceAttendance.Web.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Aws;

/// <summary>
/// What only the AWS configuration has: the Rekognition collection kept in step with the database, Rekognition's errors,
/// snapshot retention on S3. The kiosk flow itself runs in both configurations in Web/KioskRecognitionTests and
/// Web/AttendanceLifecycleTests.
/// </summary>
public sealed class AwsModeTests(S3Server s3) : IClassFixture<S3Server>
{
    [Fact]
    public async Task EnrolmentIndexesOneFaceNamedAfterThePersonInTheCollection()
    {
        await using var rekognition = new RekognitionServer(AwsMode.S3Settings(s3));
        await using var app = new RekognitionServer(AwsMode.KioskAppSettings(s3, rekognition));
        using var http = app.CreateAdminClient();

        var personId = await app.EnrolAsync("E-100", "Sergey Lavrov", Photos.Read(DevPhotos.Enrolled, 5));

        using var client = rekognition.CreateClient();
        var faces = await client.ListFacesAsync(new ListFacesRequest(AwsMode.Collection));
        faces.Faces.Should().ContainSingle().Which.ExternalImageId.Should().StartWith($"{personId:N}:");
    }

    [Fact]
    public async Task SyncReindexesEnrolledFacesMissingFromTheCollectionAndDeletesStrays()
    {
        await using var rekognition = new RekognitionServer(AwsMode.S3Settings(s3));
        await using var app = new RekognitionServer(AwsMode.KioskAppSettings(s3, rekognition));
        using var http = app.CreateAdminClient();
        await app.EnrolAsync("E-200", "Sergey Lavrov", Photos.Read(DevPhotos.Enrolled, 5));
        using var client = rekognition.CreateClient();
        var enrolled = (await client.ListFacesAsync(new ListFacesRequest(AwsMode.Collection))).Faces.Single();
        await client.DeleteFacesAsync(new DeleteFacesRequest(AwsMode.Collection, [enrolled.FaceId]));
        await client.IndexFacesAsync(new IndexFacesRequest(AwsMode.Collection, new Image(Photos.Read(DevPhotos.Other, 3)), "stray", QualityFilter: QualityFilter.None));

        using var sync = await http.PostAsync("/api/rekognition/sync", null);

        sync.StatusCode.Should().Be(HttpStatusCode.OK, await sync.Content.ReadAsStringAsync());
        var report = await sync.Content.ReadFromJsonAsync<JsonElement>();
        report.GetProperty("indexed").GetInt32().Should().Be(1);
        report.GetProperty("deleted").GetInt32().Should().Be(1);
        using var attendance = await CheckAtKioskAsync(app, Photos.Read(DevPhotos.Enrolled, 7));
        attendance.StatusCode.Should().Be(HttpStatusCode.OK, await attendance.Content.ReadAsStringAsync());
        (await attendance.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("name").GetString().Should().Be("Sergey Lavrov");
    }

    [Fact]
    public async Task RefusedRekognitionCredentialsAnswer503WithAClearDetail()
    {
        await using var rekognition = new RekognitionServer(AwsMode.S3Settings(s3));
        await using var app = new RekognitionServer(AwsMode.KioskAppSettings(s3, rekognition, secret: "a-secret-the-endpoint-does-not-know"));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var attendance = await CheckAtKioskAsync(app, Photos.Read(DevPhotos.Enrolled, 7));

        attendance.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        var problem = await attendance.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("detail").GetString().Should().Contain("refused the app's AWS credentials");
        problem.GetProperty("code").GetString().Should().Be("rekognition-InvalidSignatureException");
        (await http.GetAsync("/healthz")).StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task AMissingCollectionAnswers503SayingSo()
    {
        await using var rekognition = new RekognitionServer(AwsMode.S3Settings(s3));
        await using var app = new RekognitionServer(AwsMode.KioskAppSettings(s3, rekognition));
        using var http = app.CreateAdminClient();
        await app.EnrolAsync("E-400", "Sergey Lavrov", Photos.Read(DevPhotos.Enrolled, 5));
        using var client = rekognition.CreateClient();
        await client.DeleteCollectionAsync(new DeleteCollectionRequest(AwsMode.Collection));

        var attendance = await CheckAtKioskAsync(app, Photos.Read(DevPhotos.Enrolled, 7));

        attendance.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await attendance.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString().Should().Contain("collection is missing");
        var health = await http.GetAsync("/api/health");
        health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await health.Content.ReadAsStringAsync()).Should().Contain($"The Rekognition collection {AwsMode.Collection} does not exist");
    }

    [Fact]
    public async Task SnapshotRetentionDeletesOldSnapshotsFromTheBucket()
    {
        await using var app = new RekognitionServer(AwsMode.S3Settings(s3));
        var store = app.Services.GetRequiredService<IObjectStore>();
        var old = $"snapshots/2020/01/01/{Guid.NewGuid():N}.jpg";
        var recent = ObjectKeys.NewSnapshot(DateTimeOffset.UtcNow, "image/jpeg", Guid.NewGuid());
        await store.TryPutAsync(old, Photos.Read(DevPhotos.Other, 3), CancellationToken.None);
        await store.TryPutAsync(recent, Photos.Read(DevPhotos.Other, 3), CancellationToken.None);

        await app.Services.GetRequiredService<SnapshotRetention>().PurgeAsync(CancellationToken.None);

        (await store.CheckUploadAsync(old, CancellationToken.None)).Should().Be(UploadState.Missing);
        (await store.CheckUploadAsync(recent, CancellationToken.None)).Should().Be(UploadState.Ready);
    }

    [Fact]
    public async Task AnOversizeUploadToTheBucketIsRefusedWith413AndDeletedBeforeItIsRead()
    {
        await using var rekognition = new RekognitionServer(AwsMode.S3Settings(s3));
        var settings = AwsMode.KioskAppSettings(s3, rekognition);
        settings["FaceAttendance:Uploads:MaxBytes"] = "1024";
        await using var app = new RekognitionServer(settings);
        using var kiosk = await PairKioskAsync(app);
        using var http = kiosk.CreateClient(app.BaseAddress);
        var upload = await FaceAttendanceApp.PresignAsync(http);

        // Amazon S3 refuses this POST (content-length-range); s3rver stores it, so the HEAD check must refuse it
        using var post = await FaceAttendanceApp.UploadAsync(http, upload, Photos.Read(DevPhotos.Enrolled, 1));
        using var attendance = await http.PostAsJsonAsync("/attendance", new { key = upload.Key });

        attendance.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge, await attendance.Content.ReadAsStringAsync());
        (await attendance.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().Should().Be("image-too-large");
        (await app.Services.GetRequiredService<IObjectStore>().CheckUploadAsync(upload.Key, CancellationToken.None)).Should().Be(UploadState.Missing);
    }

    [Fact]
    public async Task UploadingAgainToADecidedKeyChangesNeitherItsDecisionNorTheEvidenceShown()
    {
        await using var rekognition = new RekognitionServer(AwsMode.S3Settings(s3));
        await using var app = new RekognitionServer(AwsMode.KioskAppSettings(s3, rekognition));
        await app.EnrolAsync("E-300", "Sergey Lavrov", Photos.Read(DevPhotos.Enrolled, 5));
        using var kiosk = await PairKioskAsync(app);
        using var http = kiosk.CreateClient(app.BaseAddress);
        var upload = await FaceAttendanceApp.PresignAsync(http);
        (await FaceAttendanceApp.UploadAsync(http, upload, Photos.Read(DevPhotos.Enrolled, 7))).EnsureSuccessStatusCode();
        using var decided = await http.PostAsJsonAsync("/attendance", new { key = upload.Key });
        decided.StatusCode.Should().Be(HttpStatusCode.OK, await decided.Content.ReadAsStringAsync());

        var swap = Photos.Read(DevPhotos.Other, 3);
        using var again = await FaceAttendanceApp.UploadAsync(http, upload, swap);
        using var replayed = await http.PostAsJsonAsync("/attendance", new { key = upload.Key });

        (await replayed.Content.ReadAsStringAsync()).Should().Be(await decided.Content.ReadAsStringAsync());
        // the policy cannot make its key write-once (S3's If-None-Match is for PUT, not POST), so until it expires a
        // second POST replaces the stored bytes, as s3rver shows; the app then refuses to present them as the evidence
        again.IsSuccessStatusCode.Should().BeTrue();
        (await app.Services.GetRequiredService<IObjectStore>().ReadAsync(upload.Key, CancellationToken.None)).Should().Equal(swap);
        using var admin = app.CreateAdminClient();
        var recorded = (await admin.GetFromJsonAsync<JsonElement>("/api/attendance")).GetProperty("items")[0].GetProperty("id").GetGuid();
        (await admin.GetAsync($"/api/attendance/{recorded}/snapshot")).StatusCode.Should().Be(HttpStatusCode.NotFound,
            "the stored bytes are no longer the ones the decision was made on");
    }

    private static async Task<PairedKioskClient> PairKioskAsync(RekognitionServer app)
    {
        using var admin = app.CreateAdminClient();
        return await PairedKioskClient.PairAsync(admin);
    }

    /// <summary>The kiosk's way, as a newly paired kiosk, with the upload going straight to the S3 server as a browser's would.</summary>
    private static async Task<HttpResponseMessage> CheckAtKioskAsync(RekognitionServer app, byte[] snapshot)
    {
        using var kiosk = await PairKioskAsync(app);
        using var http = kiosk.CreateClient(app.BaseAddress);
        var upload = await FaceAttendanceApp.PresignAsync(http);
        upload.Method.Should().Be("POST");
        upload.UploadUrl.Should().StartWith("http://127.0.0.1:");
        upload.Fields.Should().ContainKey("x-amz-signature");
        using var post = await FaceAttendanceApp.UploadAsync(http, upload, snapshot);
        post.StatusCode.Should().Be(HttpStatusCode.NoContent);
        return await http.PostAsJsonAsync("/attendance", new { key = upload.Key });
    }
}
