using FaceAttendance.Web.Http;

namespace FaceAttendance.Web.Storage;

/// <summary>An image read from a request: its bytes and the type its leading bytes show.</summary>
public sealed record UploadedImage(byte[] Content, string ContentType);

/// <summary>The images a request names: either the <see cref="Keys"/> of objects uploaded through POST /presign
/// (JSON <c>{"key"}</c> or <c>{"keys": [...]}</c>, not read here), or the <see cref="Images"/> posted as multipart fields
/// <c>image</c>. Only a kiosk's burst names more than one.</summary>
public sealed record PostedImages(IReadOnlyList<string> Keys, IReadOnlyList<UploadedImage> Images);

/// <summary>The JSON body that names an uploaded image by its <see cref="Key"/>, or a burst's frames by their <see cref="Keys"/>.</summary>
public sealed record ImageKeyRequest(string? Key, IReadOnlyList<string>? Keys = null);

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

    /// <summary>The kiosk's and the enrolment API's two ways to name images: JSON <c>{"key"}</c> (or <c>{"keys"}</c>) of
    /// uploads, or a multipart form whose file fields <c>image</c> are each read like any other upload.</summary>
    /// <param name="maxImages">how many images the request may name: 1 for enrolment, a burst's frames for a kiosk.</param>
    public static async Task<(PostedImages? Posted, Refusal? Refusal)> ReadKeysOrFormAsync(
        HttpRequest request, long maxBytes, int maxImages, CancellationToken ct)
    {
        if (request.HasFormContentType)
        {
            var (images, refusal) = await ReadFormFieldsAsync(request, maxBytes, maxImages, ct);
            return (images is null ? null : new PostedImages([], images), refusal);
        }
        if (!request.HasJsonContentType())
        {
            return (null, Refusal.UnsupportedImage("Send JSON {\"key\": ...} of an uploaded image, or multipart/form-data with a file field 'image'."));
        }
        var body = await request.ReadFromJsonAsync<ImageKeyRequest>(ct);
        IReadOnlyList<string?> keys = body?.Keys is { Count: > 0 } many ? [.. many] : [body?.Key];
        if (keys.Count > maxImages)
        {
            return (null, TooMany(maxImages));
        }
        if (keys.Distinct().Count() < keys.Count)
        {
            return (null, new Refusal(StatusCodes.Status400BadRequest, "duplicate-keys", "Each frame of a burst is its own upload; a key was named twice."));
        }
        return keys.Select(Refusal.ForKey).FirstOrDefault(refusal => refusal is not null) is { } keyRefusal
            ? (null, keyRefusal)
            : (new PostedImages([.. keys.Select(key => key!)], []), null);
    }

    private static async Task<(IReadOnlyList<UploadedImage>? Images, Refusal? Refusal)> ReadFormFieldsAsync(
        HttpRequest request, long maxBytes, int maxImages, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes * maxImages + ApiSetup.FormOverheadBytes)
        {
            return (null, Refusal.TooLarge(maxBytes));
        }
        var form = await request.ReadFormAsync(ct);
        var files = form.Files.GetFiles("image");
        if (files.Count == 0)
        {
            return (null, new Refusal(StatusCodes.Status400BadRequest, "image-missing", "The multipart form needs a file field named 'image'."));
        }
        if (files.Count > maxImages)
        {
            return (null, TooMany(maxImages));
        }
        var images = new List<UploadedImage>(files.Count);
        foreach (var file in files)
        {
            await using var stream = file.OpenReadStream();
            var (image, refusal) = await ReadAsync(stream, file.Length, expectedType: null, maxBytes, ct);
            if (image is null)
            {
                return (null, refusal);
            }
            images.Add(image);
        }
        return (images, null);
    }

    private static Refusal TooMany(int maxImages) => new(StatusCodes.Status400BadRequest, "too-many-images",
        maxImages == 1 ? "This request takes one image." : $"A scan takes at most {maxImages} frames.");
}
