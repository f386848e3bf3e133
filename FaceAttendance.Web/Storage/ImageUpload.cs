using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Http;

namespace FaceAttendance.Web.Storage;

/// <summary>An image read from a request: its bytes and the type its leading bytes show.</summary>
public sealed record UploadedImage(byte[] Content, string ContentType);

/// <summary>The image a request names: either the <see cref="Key"/> of an object uploaded through POST /presign
/// (JSON <c>{"key"}</c>, not read here), or the <see cref="Image"/> posted as multipart field <c>image</c>.</summary>
public sealed record PostedImage(string? Key, UploadedImage? Image);

/// <summary>The JSON body that names an uploaded image by its key.</summary>
public sealed record ImageKeyRequest([Required] string Key);

/// <summary>Reads an uploaded image body with a hard size limit and checks that its bytes are an accepted image type.</summary>
internal static class ImageUpload
{
    /// <param name="expectedType">the type the client declared and was allowed; null accepts any of <see cref="ImageFormats"/>.</param>
    public static async Task<(UploadedImage? Image, Refusal? Refusal)> ReadAsync(
        Stream body, long? declaredLength, string? expectedType, long maxBytes, CancellationToken ct)
    {
        if (declaredLength > maxBytes)
        {
            return (null, Refusal.TooLarge(maxBytes));
        }
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, Refusal.TooLarge(maxBytes));
            }
            buffer.Write(chunk, 0, read);
        }
        var content = buffer.ToArray();
        if (content.Length == 0)
        {
            return (null, new Refusal(StatusCodes.Status400BadRequest, "empty-image", "The request carried no image bytes."));
        }
        var actualType = ImageFormats.Sniff(content);
        if (actualType is null || (expectedType is not null && actualType != expectedType))
        {
            return (null, Refusal.UnsupportedImage($"The content is not a {expectedType ?? ImageFormats.AcceptedList} image."));
        }
        return (new UploadedImage(content, actualType), null);
    }

    /// <summary>The kiosk's and the enrolment API's two ways to name an image: JSON <c>{"key"}</c> of an upload, or a
    /// multipart form whose file field <c>image</c> is read like any other upload.</summary>
    public static async Task<(PostedImage? Posted, Refusal? Refusal)> ReadKeyOrFormAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var (image, refusal) = await ReadFormFieldAsync(request, maxBytes, ct);
            return (image is null ? null : new PostedImage(null, image), refusal);
        }
        if (!request.HasJsonContentType())
        {
            return (null, Refusal.UnsupportedImage("Send JSON {\"key\": ...} of an uploaded image, or multipart/form-data with a file field 'image'."));
        }
        var key = (await request.ReadFromJsonAsync<ImageKeyRequest>(ct))?.Key;
        return Refusal.ForKey(key) is { } keyRefusal ? (null, keyRefusal) : (new PostedImage(key, null), null);
    }

    private static async Task<(UploadedImage? Image, Refusal? Refusal)> ReadFormFieldAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes + ApiSetup.FormOverheadBytes)
        {
            return (null, Refusal.TooLarge(maxBytes));
        }
        var form = await request.ReadFormAsync(ct);
        if (form.Files.GetFile("image") is not { } file)
        {
            return (null, new Refusal(StatusCodes.Status400BadRequest, "image-missing", "The multipart form needs a file field named 'image'."));
        }
        await using var stream = file.OpenReadStream();
        return await ReadAsync(stream, file.Length, expectedType: null, maxBytes, ct);
    }
}
