using FaceAttendance.Web.Aws.Rekognition;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Storage;

namespace FaceAttendance.Web.Aws.Engine;

internal static class RekognitionImageFromStore
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
        if (store.Bucket is { } bucket && image.Key is not null)
        {
            return new Image(S3Object: new S3Object(bucket.Name, bucket.S3KeyOf(image.Key)));
        }
        return new Image(await image.ReadAsync(store, ct));
    }
}
