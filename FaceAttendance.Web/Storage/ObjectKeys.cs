using System.Globalization;
using System.Text.RegularExpressions;

namespace FaceAttendance.Web.Storage;

/// <summary>The key layout: snapshots by UTC day (so retention can drop whole days), then by the kiosk that took them
/// (an admin's upload for enrolment has none), and enrolment photos by person.</summary>
public static partial class ObjectKeys
{
    public const string SnapshotsPrefix = "snapshots/";
    public const string FacesPrefix = "faces/";

    /// <param name="kioskId">the kiosk the snapshot is for; null for an admin's upload, which only enrolment takes.</param>
    public static string NewSnapshot(DateTimeOffset now, string contentType, Guid? kioskId) =>
        $"{SnapshotsPrefix}{now.UtcDateTime:yyyy'/'MM'/'dd}/{KioskSegment(kioskId)}{Guid.CreateVersion7(now):N}.{ImageFormats.ExtensionOf(contentType)}";

    /// <summary>The key of frame <paramref name="frame"/> (1 on) of the burst whose first frame is <paramref name="firstKey"/>:
    /// the first key with <c>-frame</c> before its extension, so a burst's keys are one set, in one order, that no other
    /// scan's keys can join.</summary>
    public static string BurstFrame(string firstKey, int frame) =>
        $"{firstKey[..firstKey.LastIndexOf('.')]}-{frame}{firstKey[firstKey.LastIndexOf('.')..]}";

    /// <summary>Which frame of its burst a snapshot key is: 0 for a burst's first (or a single snapshot), null for a key
    /// that is not a snapshot's.</summary>
    public static int? FrameOf(string key)
    {
        var match = KeyGuidPattern().Match(key);
        return !match.Success || !key.StartsWith(SnapshotsPrefix, StringComparison.Ordinal) ? null
            : match.Groups["frame"].Success ? int.Parse(match.Groups["frame"].Value, CultureInfo.InvariantCulture) : 0;
    }

    /// <summary>The key of a snapshot a kiosk took offline, named by the kiosk's capture id.</summary>
    public static string OfflineSnapshot(Guid captureId, DateTimeOffset capturedAt, string contentType, Guid kioskId) =>
        $"{SnapshotsPrefix}{capturedAt.UtcDateTime:yyyy'/'MM'/'dd}/{KioskSegment(kioskId)}{captureId:N}.{ImageFormats.ExtensionOf(contentType)}";

    /// <summary>The kiosk a snapshot key was issued to, or null (an admin's upload, or not a snapshot key).</summary>
    public static Guid? KioskOf(string key)
    {
        var match = KeyGuidPattern().Match(key);
        return match.Success && match.Groups["kiosk"].Success && Guid.TryParseExact(match.Groups["kiosk"].Value, "N", out var kiosk) ? kiosk : null;
    }

    private static string KioskSegment(Guid? kioskId) => kioskId is { } id ? $"{id:N}/" : "";

    public static string FacePhoto(Guid personId, Guid faceId, string contentType) =>
        $"{FacesPrefix}{personId:N}/{faceId:N}.{ImageFormats.ExtensionOf(contentType)}";

    /// <summary>The UTC day a snapshot key was issued on, or null for anything else.</summary>
    public static DateOnly? SnapshotDay(string key)
    {
        var match = SnapshotDayPattern().Match(key);
        return match.Success && DateOnly.TryParseExact(match.Groups[1].Value, "yyyy'/'MM'/'dd", out var day) ? day : null;
    }

    /// <summary>Longer than any key this app makes (and S3's own limit): refused before it is looked up.</summary>
    public const int MaxLength = 1024;

    /// <summary>When <see cref="NewSnapshot"/> or <see cref="FacePhoto"/> made the key: its last segment is a version 7
    /// Guid, which starts with the Unix time in ms. Null for anything else.</summary>
    public static DateTimeOffset? IssuedAt(string key)
    {
        var match = KeyGuidPattern().Match(key);
        if (!match.Success || !Guid.TryParseExact(match.Groups["id"].Value, "N", out var id) || id.Version != 7)
        {
            return null;
        }
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        var milliseconds = ((long)bytes[0] << 40) | ((long)bytes[1] << 32) | ((long)bytes[2] << 24) | ((long)bytes[3] << 16) | ((long)bytes[4] << 8) | bytes[5];
        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }

    /// <summary>Keys are only ever ones this app made: no dot segments, no odd characters.</summary>
    public static bool IsWellFormed(string key) => key.Length <= MaxLength && KeyPattern().IsMatch(key);

    public static string ContentTypeOf(string key) => ImageFormats.ContentTypeOfExtension(Path.GetExtension(key));

    [GeneratedRegex(@"^(?:snapshots|faces)(?:/[A-Za-z0-9_-]+)+\.(?:jpg|png|webp)$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^(?:snapshots/\d{4}/\d{2}/\d{2}(?:/(?<kiosk>[0-9a-f]{32}))?|faces/[0-9a-f]{32})/(?<id>[0-9a-f]{32})(?:-(?<frame>[1-9]))?\.(?:jpg|png|webp)$")]
    private static partial Regex KeyGuidPattern();

    [GeneratedRegex(@"^snapshots/(\d{4}/\d{2}/\d{2})/")]
    private static partial Regex SnapshotDayPattern();
}
