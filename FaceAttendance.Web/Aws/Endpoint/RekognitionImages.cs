using FaceAttendance.Vision;
using FaceAttendance.Web.Aws.Rekognition;
using FaceAttendance.Web.Storage;

namespace FaceAttendance.Web.Aws.Endpoint;

/// <summary>
/// Turns a request's <c>Image</c> into pixels: inline bytes, or an S3Object naming an object of this app's store (with the
/// S3 store, its bucket and prefixed key as in S3; with the local store, the configured bucket name and the app key).
/// </summary>
public sealed class RekognitionImages(FaceEngine engine, IObjectStore store, string bucket)
{
    /// <summary>Rekognition's limit for images passed as bytes.</summary>
    public const int MaxInlineBytes = 5 * 1024 * 1024;

    public async Task<FaceImage> DecodeAsync(Image? image, CancellationToken ct)
    {
        var encoded = await ReadAsync(image, ct);
        try
        {
            return engine.Decode(encoded);
        }
        catch (ImageRejectedException e) when (e.Reason is ImageRejection.TooLarge or ImageRejection.TooManyPixels)
        {
            throw RekognitionErrors.ImageTooLarge(e.Message);
        }
        catch (ImageRejectedException)
        {
            throw RekognitionErrors.InvalidImageFormat();
        }
    }

    private async Task<byte[]> ReadAsync(Image? image, CancellationToken ct)
    {
        switch (image)
        {
            case { Bytes: { } bytes, S3Object: null }:
                return bytes.Length <= MaxInlineBytes ? bytes
                    : throw RekognitionErrors.ImageTooLarge($"Image bytes exceed the {MaxInlineBytes}-byte limit; pass large images as S3Object.");
            case { Bytes: null, S3Object: { } s3 }:
                var key = store.Bucket is { } storeBucket ? storeBucket.KeyAt(s3.Bucket, s3.Name) : s3.Bucket == bucket ? s3.Name : null;
                if (key is null || s3.Version is not null || !ObjectKeys.IsWellFormed(key))
                {
                    throw RekognitionErrors.InvalidS3Object();
                }
                return await store.ReadAsync(key, ct) ?? throw RekognitionErrors.InvalidS3Object();
            default:
                throw RekognitionErrors.InvalidParameter("Image must have exactly one of Bytes or S3Object.");
        }
    }
}
