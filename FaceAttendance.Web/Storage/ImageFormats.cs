using Microsoft.Net.Http.Headers;

namespace FaceAttendance.Web.Storage;

/// <summary>The image types the app accepts, recognised by their leading bytes as well as by their declared type.</summary>
public static class ImageFormats
{
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";
    public const string WebP = "image/webp";
    public const string AcceptedList = "image/jpeg, image/png or image/webp";

    /// <summary>The accepted media type a Content-Type header names (parameters ignored), or null.</summary>
    public static string? Accepted(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed) && parsed.MediaType.Value?.ToLowerInvariant() is Jpeg or Png or WebP
            ? parsed.MediaType.Value.ToLowerInvariant()
            : null;

    /// <summary>The media type the content's signature shows, or null when it is none of the accepted ones.</summary>
    public static string? Sniff(ReadOnlySpan<byte> content) => content switch
    {
        [0xFF, 0xD8, 0xFF, ..] => Jpeg,
        [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..] => Png,
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => WebP,
        _ => null,
    };

    public static string ExtensionOf(string contentType) => contentType switch
    {
        Jpeg => "jpg",
        Png => "png",
        WebP => "webp",
        _ => throw new ArgumentException($"'{contentType}' is not an accepted image type.", nameof(contentType)),
    };

    public static string ContentTypeOfExtension(string extension) => extension.TrimStart('.') switch
    {
        "jpg" => Jpeg,
        "png" => Png,
        "webp" => WebP,
        _ => "application/octet-stream",
    };
}
