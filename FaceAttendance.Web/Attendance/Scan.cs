using FaceAttendance.Web.Http;
using FaceAttendance.Web.Storage;

namespace FaceAttendance.Web.Attendance;

/// <summary>A kiosk scan to decide, as <see cref="ScanDecider"/> takes it from any path (POST /attendance, the S3 event,
/// a kiosk's offline replay).</summary>
public abstract record Scan
{
    /// <summary>A snapshot uploaded through POST /presign, named by its key (which names the kiosk it was issued to), or
    /// a burst's frames, each its own upload: the first key names the scan and is the one kept.</summary>
    public sealed record Uploaded(IReadOnlyList<string> Keys) : Scan
    {
        public Uploaded(string key) : this([key])
        {
        }

        public string Key => Keys[0];
    }

    /// <summary>The image, or a burst's frames, a kiosk posted with the request; <see cref="Capture"/> when it took them
    /// earlier, offline. The first frame is the one kept.</summary>
    public sealed record Posted(IReadOnlyList<UploadedImage> Frames, OfflineCapture? Capture, Guid KioskId) : Scan;

    /// <summary>A request that names no usable image, refused before any lookup.</summary>
    public sealed record Unreadable(Refusal Refusal) : Scan;
}

/// <summary>What a scan came to: a <see cref="Result"/> (checked in or out, already recorded, unknown), or a
/// <see cref="Refusal"/> with its code; complete, with ids and scores, and told to a kiosk as a <see cref="KioskAnswer"/>.</summary>
public sealed record ScanOutcome(AttendanceResult? Result, Refusal? Refusal)
{
    public static ScanOutcome Answered(AttendanceResult result) => new(result, null);

    public static ScanOutcome Refused(Refusal refusal) => new(null, refusal);

    /// <summary>The outcome's <see cref="ScanResults"/> name: the status the kiosk got, or refused.</summary>
    public string Name => Result is { } result ? ScanResults.NameOf(result.Status) : ScanResults.Refused;
}
