using System.Net;
using FaceAttendance.Web.Aws.Rekognition;

namespace FaceAttendance.Web.Aws.Endpoint;

/// <summary>The errors the endpoint answers with, codes and wording as Amazon Rekognition uses them.</summary>
internal static class RekognitionErrors
{
    public static RekognitionException InvalidParameter(string message) => Client("InvalidParameterException", message);

    /// <summary>
    /// A request member that breaks a constraint of the service model (pattern, length, range, enum): AWS answers
    /// these before the operation runs, as ValidationException with this message shape. The value is cut at 256
    /// characters, so a huge value is not echoed back whole.
    /// </summary>
    public static RekognitionException Validation(object? value, string member, string constraint)
    {
        var text = value?.ToString() ?? "null";
        var shown = text.Length <= 256 ? text : text[..256] + "...";
        return Client("ValidationException", $"1 validation error detected: Value '{shown}' at '{member}' failed to satisfy constraint: Member must {constraint}");
    }

    public static RekognitionException CollectionNotFound(string id) => Client("ResourceNotFoundException", $"The collection id: {id} does not exist");

    public static RekognitionException CollectionExists(string id) => Client("ResourceAlreadyExistsException", $"The collection id: {id} already exists");

    public static RekognitionException NoFace() => InvalidParameter("There are no faces in the image. Should be at least 1.");

    public static RekognitionException InvalidImageFormat() => Client("InvalidImageFormatException", "Request has invalid image format");

    public static RekognitionException ImageTooLarge(string detail) => Client("ImageTooLargeException", detail);

    public static RekognitionException InvalidS3Object() =>
        Client("InvalidS3ObjectException", "Unable to get object metadata from S3. Check object key, region and/or access permissions.");

    public static RekognitionException InvalidPaginationToken() => Client("InvalidPaginationTokenException", "Invalid pagination token.");

    public static RekognitionException UnknownOperation(string? target) =>
        Client("UnknownOperationException", $"Operation '{target}' is not supported by this Rekognition-compatible endpoint.");

    public static RekognitionException Serialization(string detail) => Client("SerializationException", detail);

    public static RekognitionException Client(string code, string message) => new(code, message, HttpStatusCode.BadRequest, null);
}
