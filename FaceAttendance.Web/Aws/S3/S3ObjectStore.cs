using System.Net;
using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using FaceAttendance.Web.Storage;

namespace FaceAttendance.Web.Aws.S3;

/// <summary>
/// Objects in an S3 bucket under a prefix. Browsers upload straight to S3 with a pre-signed POST whose policy names the exact
/// key, the content type and a content-length-range up to the upload limit, which Amazon S3 enforces. S3-compatible servers
/// may not (s3rver ignores the policy), so every object is still checked with a HEAD before the app reads it: one larger
/// than the limit, or of another type than its key says, is deleted and treated as never uploaded.
/// </summary>
public sealed partial class S3ObjectStore(IAmazonS3 s3, S3StoreOptions options, long maxBytes, ILogger<S3ObjectStore> logger) : IObjectStore
{
    public async Task<PresignedUpload> PresignUploadAsync(string key, string contentType, long maxBytes, DateTimeOffset expiresAt, CancellationToken ct)
    {
        var post = await s3.CreatePresignedPostAsync(new CreatePresignedPostRequest
        {
            BucketName = options.Bucket,
            Key = options.Prefix + key,
            Expires = expiresAt.UtcDateTime,
            // the SDK pins the bucket, the key and each field as an exact match; a POST (unlike a PUT) can also cap the size
            Fields = new Dictionary<string, string> { ["Content-Type"] = contentType },
            Conditions = [S3PostCondition.ContentLengthRange(1, maxBytes)],
        });
        return new PresignedUpload(post.Url, "POST", new Dictionary<string, string>(), expiresAt, post.Fields);
    }

    public async Task<bool> TryPutAsync(string key, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        if (await HeadAsync(key, ct) is not null)
        {
            return false;
        }
        using var body = new MemoryStream(content.ToArray(), writable: false);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = options.Bucket, Key = options.Prefix + key, InputStream = body, ContentType = ObjectKeys.ContentTypeOf(key),
            // a plain signed body: the object is small and in memory, and S3-compatible servers often lack aws-chunked uploads
            UseChunkEncoding = false,
        }, ct);
        return true;
    }

    public async Task<UploadState> CheckUploadAsync(string key, CancellationToken ct) =>
        await HeadAsync(key, ct) is { } head ? await CheckAsync(key, head.ContentLength, head.Headers.ContentType, ct) : UploadState.Missing;

    public async Task<byte[]?> ReadAsync(string key, CancellationToken ct)
    {
        try
        {
            // the GET's headers carry what the HEAD check needs, so a read costs one request and no body is read if refused
            using var response = await s3.GetObjectAsync(options.Bucket, options.Prefix + key, ct);
            if (await CheckAsync(key, response.ContentLength, response.Headers.ContentType, ct) != UploadState.Ready)
            {
                return null;
            }
            using var content = new MemoryStream();
            await response.ResponseStream.CopyToAsync(content, ct);
            return content.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct) => s3.DeleteObjectAsync(options.Bucket, options.Prefix + key, ct);

    public async IAsyncEnumerable<string> ListAsync(string prefix, [EnumeratorCancellation] CancellationToken ct)
    {
        var request = new ListObjectsV2Request { BucketName = options.Bucket, Prefix = options.Prefix + prefix };
        do
        {
            var page = await s3.ListObjectsV2Async(request, ct);
            foreach (var entry in page.S3Objects ?? [])
            {
                var key = entry.Key[options.Prefix.Length..];
                if (ObjectKeys.IsWellFormed(key))
                {
                    yield return key;
                }
            }
            request.ContinuationToken = page.NextContinuationToken;
        }
        while (request.ContinuationToken is not null);
    }

    public async Task<bool> IsAvailableAsync(CancellationToken ct)
    {
        try
        {
            // reachable, the bucket exists and the credentials are accepted: cheap enough for every health probe
            await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = options.Bucket }, ct);
            return true;
        }
        catch (AmazonS3Exception)
        {
            return false;
        }
    }

    /// <summary>The S3-compatible server's own origin, or any of AWS's (the bucket and region name the host).</summary>
    public string UploadOrigin => options.ServiceUrl?.GetLeftPart(UriPartial.Authority) ?? "https://*.amazonaws.com";

    public StoreBucket Bucket => new(options.Bucket, options.Prefix);

    /// <summary>The HEAD check behind the POST policy, for a server that does not enforce it: decided from the metadata, before any body is read.</summary>
    private async Task<UploadState> CheckAsync(string key, long contentLength, string? contentType, CancellationToken ct)
    {
        var expectedType = ObjectKeys.ContentTypeOf(key);
        var state = contentLength > maxBytes ? UploadState.TooLarge
            : !string.Equals(contentType, expectedType, StringComparison.OrdinalIgnoreCase) ? UploadState.WrongType
            : UploadState.Ready;
        if (state != UploadState.Ready)
        {
            LogRefused(logger, key, contentLength, contentType, maxBytes, expectedType);
            await DeleteAsync(key, ct);
        }
        return state;
    }

    private async Task<GetObjectMetadataResponse?> HeadAsync(string key, CancellationToken ct)
    {
        try
        {
            return await s3.GetObjectMetadataAsync(options.Bucket, options.Prefix + key, ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Deleted upload {Key}: {Bytes} bytes of {ContentType}, but at most {MaxBytes} bytes of {ExpectedType} were allowed")]
    private static partial void LogRefused(ILogger logger, string key, long bytes, string? contentType, long maxBytes, string expectedType);
}
