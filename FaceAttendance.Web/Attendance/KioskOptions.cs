using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Storage;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Attendance;

/// <summary>The <c>FaceAttendance:Kiosk</c> section.</summary>
public sealed class KioskOptions
{
    public const string Section = "FaceAttendance:Kiosk";

    /// <summary>
    /// Requests each paired kiosk may make per minute to the kiosk endpoints (/presign, PUT /uploads, /attendance);
    /// 0 turns the limit off. A scan of a 3-frame burst is 5 requests, so 300 lets one kiosk scan every second. Pairing attempts share a
    /// budget per client address (requests without a kiosk credential are refused with 401 before any limit).
    /// </summary>
    [Range(0, 1_000_000)]
    public int RequestsPerMinute { get; set; } = 300;

    /// <summary>
    /// Refuse a scan whose liveness score is below the engine's pass mark with 422 not-live. Off by default: no spoof
    /// photos were available to measure what the score stops, while 1 % of genuine dev faces fail it, so turning it on
    /// trades a small share of refused staff for an unmeasured protection. Every event records its score either way.
    /// Needs the local engine (Rekognition's search gives no liveness).
    /// </summary>
    public bool RequireLiveness { get; set; }

    /// <summary>How a scan's liveness is judged: Off (not measured), Passive (the passive score on record, the default),
    /// or Challenge (the score on record, and the kiosk asks for a small head turn, left or right as the server chose,
    /// during its burst: a photo or a still screen cannot turn). Challenge needs the local engine and a POST decision.</summary>
    public LivenessMode Liveness { get; set; } = LivenessMode.Passive;

    /// <summary>Frames a kiosk takes for one scan, over about a second once the face is steady; the server fuses the
    /// sharpest of them, so one blurred or blinking frame does not decide. Unset: 3, or 1 with the S3-event decision,
    /// whose events decide each uploaded object alone.</summary>
    [Range(1, Vision.Burst.MaxFrames)]
    public int? BurstFrames { get; set; }

    /// <summary>The frames a kiosk takes for one scan (<see cref="BurstFrames"/>, or its default).</summary>
    public int FramesPerScan => BurstFrames ?? (Decision == KioskDecision.S3Event ? 1 : 3);

    /// <summary>What decides an uploaded snapshot: the kiosk's POST /attendance, or S3's ObjectCreated event calling the
    /// Lambda function (then the kiosk polls GET /attendance/{key}). Either way a snapshot is decided once.</summary>
    public KioskDecision Decision { get; set; } = KioskDecision.Post;

    /// <summary>The oldest scan a kiosk kept while offline that is still recorded, at its capture time, when it is sent.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan OfflineMaxAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Frames each paired kiosk may upload or post per hour (each at most Uploads:MaxBytes), counted per
    /// instance; past it the kiosk gets 429 upload-quota-exceeded until the hour is over. A kiosk at a busy door scans
    /// a few hundred people an hour, three frames each.</summary>
    [Range(1, 1_000_000)]
    public int UploadsPerHour { get; set; } = 3600;

    /// <summary>A kiosk not heard from for longer than this was offline: a scan it kept then and sends later must have
    /// been taken after its last contact before that silence. The kiosk page checks in every third of it.</summary>
    [Range(typeof(TimeSpan), "00:00:30", "01:00:00")]
    public TimeSpan ContactGap { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long an admin's one-time pairing code (and its QR code) pairs a kiosk.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan PairingCodeLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Keep the snapshot of a face nobody matched (until retention deletes it), for review. Off by default:
    /// a scan that records nothing keeps no photo of anyone.</summary>
    public bool KeepUnknownSnapshots { get; set; }
}

public enum KioskDecision { Post, S3Event }

public enum LivenessMode { Off, Passive, Challenge }

/// <summary>What the kiosk's settings need of the engine and the store.</summary>
internal sealed class KioskOptionsValidator(IOptions<EngineOptions> engine, IOptions<StorageOptions> storage) : IValidateOptions<KioskOptions>
{
    public ValidateOptionsResult Validate(string? name, KioskOptions options)
    {
        var failures = new List<string>();
        if (options.RequireLiveness && engine.Value.Provider != EngineProvider.Local)
        {
            failures.Add("FaceAttendance:Kiosk:RequireLiveness needs the local engine: Amazon Rekognition's face search gives no liveness score.");
        }
        if (options.Liveness == LivenessMode.Challenge && engine.Value.Provider != EngineProvider.Local)
        {
            failures.Add("FaceAttendance:Kiosk:Liveness 'Challenge' needs the local engine: the head turn is read from its face mesh.");
        }
        if (options.RequireLiveness && options.Liveness == LivenessMode.Off)
        {
            failures.Add("FaceAttendance:Kiosk:RequireLiveness needs FaceAttendance:Kiosk:Liveness 'Passive' or 'Challenge': with 'Off' no score is measured.");
        }
        if (options.Decision == KioskDecision.S3Event && (options.FramesPerScan > 1 || options.Liveness == LivenessMode.Challenge))
        {
            failures.Add("FaceAttendance:Kiosk:Decision 'S3Event' decides each uploaded object alone: a burst (Kiosk:BurstFrames above 1) and " +
                "Kiosk:Liveness 'Challenge' need the POST decision.");
        }
        if (options.Decision == KioskDecision.S3Event && storage.Value.Provider != StorageProvider.S3)
        {
            failures.Add("FaceAttendance:Kiosk:Decision 'S3Event' needs FaceAttendance:Storage:Provider 'S3': only an S3 bucket sends the events.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
