using FaceAttendance.Web.Aws.Rekognition;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Storage;

namespace FaceAttendance.Web.Aws.Engine;

internal static class RekognitionImageOf
{
    /// <summary>
    /// An object of the app's store as a Rekognition image: an S3Object reference when the store is S3 (Rekognition reads it
    /// where it is, the app never downloads it), otherwise its bytes.
    /// </summary>
    public static async Task<Image> ImageAsync(this IObjectStore store, ImageRef image, CancellationToken ct)
    {
        if (store.Bucket is { } bucket)
        {
            return new Image(S3Object: new S3Object(bucket.Name, bucket.S3KeyOf(image.Key)));
        }
        return new Image(await image.ReadAsync(store, ct));
    }
}
