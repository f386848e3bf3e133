using FaceAttendance.Web.Api;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FaceAttendance.Web.Storage;

/// <summary>An image read from a request: its bytes and the type its leading bytes show.</summary>
public sealed record UploadedImage(byte[] Content, string ContentType);

/// <summary>Reads an uploaded image body with a hard size limit and checks that its bytes are an accepted image type.</summary>
internal static class ImageUpload
{
    /// <param name="expectedType">the type the client declared and was allowed; null accepts any of <see cref="ImageFormats"/>.</param>
    public static async Task<(UploadedImage? Image, ProblemHttpResult? Problem)> ReadAsync(
        Stream body, long? declaredLength, string? expectedType, long maxBytes, CancellationToken ct)
    {
        if (declaredLength > maxBytes)
        {
            return (null, Problems.TooLarge(maxBytes));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, Problems.TooLarge(maxBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        var content = buffer.ToArray();
        if (content.Length == 0)
        {
            return (null, Problems.Of(StatusCodes.Status400BadRequest, "empty-image", "The request carried no image bytes."));
        }
        var actualType = ImageFormats.Sniff(content);
        if (actualType is null || (expectedType is not null && actualType != expectedType))
        {
            return (null, Problems.UnsupportedImage($"The content is not a {expectedType ?? ImageFormats.AcceptedList} image."));
        }
        return (new UploadedImage(content, actualType), null);
    }

    /// <summary>The <c>image</c> field of a multipart form, read like any other upload.</summary>
    public static async Task<(UploadedImage? Image, ProblemHttpResult? Problem)> ReadFormFieldAsync(
        HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes + ApiSetup.FormOverheadBytes)
        {
            return (null, Problems.TooLarge(maxBytes));
        }
        var form = await request.ReadFormAsync(ct);
        if (form.Files.GetFile("image") is not { } file)
        {
            return (null, Problems.Of(StatusCodes.Status400BadRequest, "image-missing", "The multipart form needs a file field named 'image'."));
        }
        await using var stream = file.OpenReadStream();
        return await ReadAsync(stream, file.Length, expectedType: null, maxBytes, ct);
    }
}
