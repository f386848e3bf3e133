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
        using var attendance = await CheckAtKioskAsync(http, Photos.Read(DevPhotos.Enrolled, 7));
        attendance.StatusCode.Should().Be(HttpStatusCode.OK, await attendance.Content.ReadAsStringAsync());
        (await attendance.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("name").GetString().Should().Be("Sergey Lavrov");
    }

    [Fact]
    public async Task RefusedRekognitionCredentialsAnswer503WithAClearDetail()
    {
        await using var rekognition = new RekognitionServer(AwsMode.S3Settings(s3));
        await using var app = new RekognitionServer(AwsMode.KioskAppSettings(s3, rekognition, secret: "a-secret-the-endpoint-does-not-know"));
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var attendance = await CheckAtKioskAsync(http, Photos.Read(DevPhotos.Enrolled, 7));

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

        var attendance = await CheckAtKioskAsync(http, Photos.Read(DevPhotos.Enrolled, 7));

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
        var recent = ObjectKeys.NewSnapshot(DateTimeOffset.UtcNow, "image/jpeg");
        await store.TryPutAsync(old, Photos.Read(DevPhotos.Other, 3), CancellationToken.None);
        await store.TryPutAsync(recent, Photos.Read(DevPhotos.Other, 3), CancellationToken.None);

        await app.Services.GetRequiredService<SnapshotRetention>().PurgeAsync(CancellationToken.None);

        (await store.CheckUploadAsync(old, CancellationToken.None)).Should().Be(UploadState.Missing);
        (await store.CheckUploadAsync(recent, CancellationToken.None)).Should().Be(UploadState.Ready);
    }

    /// <summary>The kiosk's way, with the upload going straight to the S3 server as a browser's would.</summary>
    private static async Task<HttpResponseMessage> CheckAtKioskAsync(HttpClient http, byte[] snapshot)
    {
        var upload = await FaceAttendanceApp.PresignAsync(http);
        upload.UploadUrl.Should().StartWith("http://127.0.0.1:").And.Contain("X-Amz-Signature=");
        using var put = await FaceAttendanceApp.PutAsync(http, upload, snapshot);
        put.StatusCode.Should().Be(HttpStatusCode.OK);
        return await http.PostAsJsonAsync("/attendance", new { key = upload.Key });
    }
}
