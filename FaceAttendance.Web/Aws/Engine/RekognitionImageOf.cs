using FaceAttendance.Web.Aws.Rekognition;
using FaceAttendance.Web.Aws.S3;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Storage;

namespace FaceAttendance.Web.Aws.Engine;

internal static class RekognitionImageOf
{
    /// <summary>Rekognition's limit for an image sent as bytes; an S3 object may be larger.</summary>
    private const int MaxImageBytes = 5 * 1024 * 1024;

    /// <summary>
    /// An image as Rekognition takes it: the bytes when the caller has them and they fit; else an S3Object reference when
    /// the store is S3 (Rekognition reads it where it is, the app never downloads it); else the store's bytes.
    /// </summary>
    public static async Task<Image> ImageAsync(this IObjectStore store, ImageRef image, CancellationToken ct)
    {
        if (image.Content is { Length: <= MaxImageBytes } content)
        {
            return new Image(content);
        }
        if (store is S3ObjectStore s3 && image.Key is not null)
        {
            var (bucket, key) = s3.Locate(image.Key);
            return new Image(S3Object: new S3Object(bucket, key));
        }
        return new Image(await image.ReadAsync(store, ct));
    }
}
