using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Aws.S3;
using FaceAttendance.Web.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace FaceAttendance.Tests.Aws;

/// <summary>The S3 object store against a real S3-compatible server (s3rver) on 127.0.0.1, uploads made the browser's way.</summary>
public sealed class S3ObjectStoreTests(S3Server server) : IClassFixture<S3Server>
{
    private const long MaxBytes = 64 * 1024;
    private static readonly HttpClient Browser = new();

    private S3ObjectStore Store(long maxBytes = MaxBytes, string prefix = "app/")
    {
        var options = new S3StoreOptions { Bucket = S3Server.Bucket, Prefix = prefix, ServiceUrl = server.ServiceUrl, ForcePathStyle = true, Region = "us-east-1" };
        var aws = new AWSOptions { Credentials = new BasicAWSCredentials(S3Server.AccessKeyId, S3Server.SecretAccessKey) };
        return new S3ObjectStore(S3StoreSetup.CreateClient(options, aws), options, maxBytes, NullLogger<S3ObjectStore>.Instance);
    }

    private static string NewKey() => $"snapshots/2026/01/02/{Guid.NewGuid():N}.jpg";

    [Fact]
    public async Task APresignedPostFromTheBrowserStoresTheSnapshotUnderThePrefix()
    {
        var store = Store();
        var key = NewKey();
        var photo = Photos.Read(DevPhotos.Enrolled, 1);

        var upload = await store.PresignUploadAsync(key, "image/jpeg", MaxBytes, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);
        var post = await UploadAsync(upload, photo);

        post.StatusCode.Should().Be(HttpStatusCode.NoContent);
        upload.Method.Should().Be("POST");
        upload.Url.Should().EndWith($"/{S3Server.Bucket}/");
        upload.Fields.Should().Contain("key", $"app/{key}").And.Contain("Content-Type", "image/jpeg").And.ContainKey("x-amz-signature");
        (await store.CheckUploadAsync(key, CancellationToken.None)).Should().Be(UploadState.Ready);
        (await store.ReadAsync(key, CancellationToken.None)).Should().Equal(photo);
        (await ToListAsync(store.ListAsync("snapshots/", CancellationToken.None))).Should().Contain(key);
        (await ToListAsync(Store(prefix: "other/").ListAsync("snapshots/", CancellationToken.None))).Should().NotContain(key);
    }

    [Fact]
    public async Task ThePostPolicyPinsTheKeyTheTypeTheSizeAndTheExpiry()
    {
        var key = NewKey();
        var expiresAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var upload = await Store().PresignUploadAsync(key, "image/jpeg", 1234, expiresAt, CancellationToken.None);

        // what Amazon S3 enforces; s3rver ignores the policy, so there the store's HEAD check stands in for it
        using var policy = JsonDocument.Parse(Convert.FromBase64String(upload.Fields!.Single(f => f.Key.Equals("policy", StringComparison.OrdinalIgnoreCase)).Value));
        policy.RootElement.GetProperty("expiration").GetString().Should().StartWith("2026-01-02T03:04:05");
        var conditions = policy.RootElement.GetProperty("conditions").GetRawText();
        conditions.Should().Contain($"{{\"key\":\"app/{key}\"}}").And.Contain("{\"Content-Type\":\"image/jpeg\"}")
            .And.Contain("[\"content-length-range\",1,1234]");
    }

    [Fact]
    public async Task AnOversizeUploadIsDeletedByTheHeadCheckBeforeUse()
    {
        var store = Store(maxBytes: 1024);
        var key = NewKey();
        var upload = await store.PresignUploadAsync(key, "image/jpeg", 1024, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);
        (await UploadAsync(upload, Photos.Read(DevPhotos.Enrolled, 1))).StatusCode.Should().Be(HttpStatusCode.NoContent, "s3rver ignores the content-length-range");

        (await store.CheckUploadAsync(key, CancellationToken.None)).Should().Be(UploadState.TooLarge);
        (await Store(maxBytes: MaxBytes).CheckUploadAsync(key, CancellationToken.None)).Should().Be(UploadState.Missing, "the oversize object was deleted");
    }

    [Fact]
    public async Task AnOversizeUploadIsDeletedWhenReadWithoutACheckFirst()
    {
        var key = NewKey();
        var upload = await Store(maxBytes: 1024).PresignUploadAsync(key, "image/jpeg", 1024, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);
        (await UploadAsync(upload, Photos.Read(DevPhotos.Enrolled, 1))).StatusCode.Should().Be(HttpStatusCode.NoContent, "s3rver ignores the content-length-range");

        (await Store(maxBytes: 1024).ReadAsync(key, CancellationToken.None)).Should().BeNull();
        (await Store(maxBytes: MaxBytes).CheckUploadAsync(key, CancellationToken.None)).Should().Be(UploadState.Missing, "the oversize object was deleted");
    }

    [Fact]
    public async Task AnUploadOfAnotherContentTypeThanPresignedIsNeverUsed()
    {
        var store = Store();
        var key = NewKey();
        var upload = await store.PresignUploadAsync(key, "image/jpeg", MaxBytes, DateTimeOffset.UtcNow.AddMinutes(5), CancellationToken.None);

        // Amazon S3 refuses this POST outright (the policy pins Content-Type); s3rver ignores the policy, so the HEAD check must
        var put = await UploadAsync(upload, Photos.Read(DevPhotos.Enrolled, 1), "image/png");

        if (put.IsSuccessStatusCode)
        {
            (await store.CheckUploadAsync(key, CancellationToken.None)).Should().Be(UploadState.WrongType);
        }
        (await store.ReadAsync(key, CancellationToken.None)).Should().BeNull();
    }

    [Fact]
    public async Task KeysAreWrittenOnceAndCanBeDeleted()
    {
        var store = Store();
        var key = NewKey();

        (await store.TryPutAsync(key, Photos.Read(DevPhotos.Enrolled, 1), CancellationToken.None)).Should().BeTrue();
        (await store.TryPutAsync(key, Photos.Read(DevPhotos.Other, 3), CancellationToken.None)).Should().BeFalse();
        (await store.ReadAsync(key, CancellationToken.None)).Should().Equal(Photos.Read(DevPhotos.Enrolled, 1));
        (await store.IsAvailableAsync(CancellationToken.None)).Should().BeTrue();

        await store.DeleteAsync(key, CancellationToken.None);
        (await store.CheckUploadAsync(key, CancellationToken.None)).Should().Be(UploadState.Missing);
    }

    private static Task<HttpResponseMessage> UploadAsync(PresignedUpload upload, byte[] content, string contentType = "image/jpeg")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return Browser.PostAsync(upload.Url, FaceAttendanceApp.FormUpload(upload.Fields!, file, contentType));
    }

    private static async Task<List<string>> ToListAsync(IAsyncEnumerable<string> keys)
    {
        var list = new List<string>();
        await foreach (var key in keys)
        {
            list.Add(key);
        }
        return list;
    }
}
