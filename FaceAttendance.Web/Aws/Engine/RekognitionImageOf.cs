using FaceAttendance.Web.Aws.Rekognition;
using FaceAttendance.Web.Aws.S3;
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
        if (store is S3ObjectStore s3)
        {
            var (bucket, key) = s3.Locate(image.Key);
            return new Image(S3Object: new S3Object(bucket, key));
        }
        return new Image(await image.ReadAsync(store, ct));
    }
}
