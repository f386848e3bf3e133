using System.Globalization;
using FaceAttendance.Vision;
using FaceAttendance.Web.Storage;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Kiosks;

namespace FaceAttendance.Web.Attendance;

/// <summary>
/// A scan a paired kiosk kept while it could not reach the server, sent later as multipart with <c>captureId</c> (a
/// UUID), <c>capturedAt</c> and <c>sentAt</c> (both by the kiosk's clock), <c>turn</c> (left or right, when the kiosk asked
/// for a head turn) and <c>signature</c>: the kiosk's signature, made at capture time, over the capture id, capture time,
/// frames and turn (<see cref="OfflineScanSignature"/>). The kiosk's clock
/// may be off: its offset from the server's at sending (server now − sentAt) is added to the capture time, so the event is
/// recorded when it happened.
/// </summary>
public sealed record OfflineCapture(Guid Id, DateTimeOffset At, HeadTurn? Turn = null)
{
    /// <summary>Clocks read a moment apart: a capture this little after its own sending time is taken as sent at once.</summary>
    private static readonly TimeSpan ClockJitter = TimeSpan.FromSeconds(5);

    /// <summary>The capture the form describes; (null, null) for an ordinary post; or why it is not recorded: malformed,
    /// not signed by <paramref name="kiosk"/>'s key, taken in the future, too long ago, or while the kiosk was online.</summary>
    public static (OfflineCapture? Capture, Refusal? Refusal) Read(
        IFormCollection form, IReadOnlyList<UploadedImage> frames, PairedKiosk kiosk, DateTimeOffset now, KioskOptions options)
    {
        string? Field(string name) => form.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;
        var (id, capturedAt, sentAt, signature, turnName) = (Field("captureId"), Field("capturedAt"), Field("sentAt"), Field("signature"), Field("turn"));
        if (id is null && capturedAt is null && sentAt is null && signature is null)
        {
            return (null, null);
        }
        HeadTurn turn = default;
        if (!Guid.TryParse(id, out var captureId) || !TryInstant(capturedAt, out var captured) || !TryInstant(sentAt, out var sent) || signature is null
            || (turnName is not null && !KioskChallenge.TryParse(turnName, out turn)))
        {
            return (null, new Refusal(StatusCodes.Status400BadRequest, "capture-malformed",
                "An offline scan needs captureId (a UUID), capturedAt and sentAt (ISO 8601 instants by the kiosk's clock) and the kiosk's signature; turn, when sent, is left or right."));
        }
        if (kiosk.PublicKey is null)
        {
            return (null, new Refusal(StatusCodes.Status403Forbidden, "offline-scan-not-allowed",
                "This kiosk was paired without a key to sign offline scans, so it can only scan online."));
        }
        if (!OfflineScanSignature.Verify(kiosk.PublicKey, id!, capturedAt!, frames.Select(frame => frame.Content), turnName, signature))
        {
            return (null, new Refusal(StatusCodes.Status403Forbidden, "capture-signature-invalid",
                "The offline scan's signature is not this kiosk's over this capture id, time, frames and turn; it was not recorded."));
        }
        // compared in ticks: sentAt + the jitter would leave DateTimeOffset's range for a sentAt in its last seconds (a 500)
        if (captured.UtcTicks - sent.UtcTicks > ClockJitter.Ticks)
        {
            return (null, new Refusal(StatusCodes.Status422UnprocessableEntity, "capture-in-future",
                "capturedAt is after sentAt by the kiosk's own clock: a scan cannot be sent before it is taken."));
        }
        // both instants are the client's: shifted by years they would leave DateTimeOffset's range (a 500), so that is refused
        var shifted = captured.UtcTicks + (now - sent).Ticks;
        if (shifted < DateTimeOffset.MinValue.UtcTicks || shifted > DateTimeOffset.MaxValue.UtcTicks)
        {
            return (null, new Refusal(StatusCodes.Status400BadRequest, "capture-time-out-of-range",
                "capturedAt and sentAt are too far apart to be one kiosk clock's readings."));
        }
        var at = new DateTimeOffset(Math.Min(shifted, now.UtcTicks), TimeSpan.Zero);
        if (now - at > options.OfflineMaxAge)
        {
            return (null, new Refusal(StatusCodes.Status422UnprocessableEntity, "capture-too-old",
                $"This scan was taken more than {options.OfflineMaxAge.TotalHours:0} hours ago and was not recorded; add it by hand if it should count."));
        }
        if (KioskContact.OfflineRefusal(kiosk, at.UtcDateTime, now.UtcDateTime, options.ContactGap) is { } online)
        {
            return (null, online);
        }
        return (new OfflineCapture(captureId, at, turnName is null ? null : turn), null);
    }

    private static bool TryInstant(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
}
