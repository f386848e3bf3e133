using System.Globalization;
using FaceAttendance.Web.Http;

namespace FaceAttendance.Web.Attendance;

/// <summary>
/// A scan a kiosk kept while it could not reach the server, sent later as multipart with <c>captureId</c> (a UUID),
/// <c>capturedAt</c> and <c>sentAt</c> (both by the kiosk's clock). The kiosk's clock may be off: its offset from the
/// server's at sending (server now − sentAt) is added to the capture time, so the event is recorded when it happened.
/// </summary>
public sealed record OfflineCapture(Guid Id, DateTimeOffset At)
{
    /// <summary>The capture the form describes; (null, null) for an ordinary post; or why it is refused.</summary>
    public static (OfflineCapture? Capture, Refusal? Refusal) Read(IFormCollection form, DateTimeOffset now, TimeSpan maxAge)
    {
        string? Field(string name) => form.TryGetValue(name, out var value) && value.Count > 0 ? value.ToString() : null;
        var (id, capturedAt, sentAt) = (Field("captureId"), Field("capturedAt"), Field("sentAt"));
        if (id is null && capturedAt is null && sentAt is null)
        {
            return (null, null);
        }
        if (!Guid.TryParse(id, out var captureId) || !TryInstant(capturedAt, out var captured) || !TryInstant(sentAt, out var sent))
        {
            return (null, new Refusal(StatusCodes.Status400BadRequest, "capture-malformed",
                "An offline scan needs captureId (a UUID), capturedAt and sentAt (ISO 8601 instants by the kiosk's clock)."));
        }
        // both instants are the client's: shifted by years they would leave DateTimeOffset's range (a 500), so that is refused
        var shifted = captured.UtcTicks + (now - sent).Ticks;
        if (shifted < DateTimeOffset.MinValue.UtcTicks || shifted > DateTimeOffset.MaxValue.UtcTicks)
        {
            return (null, new Refusal(StatusCodes.Status400BadRequest, "capture-time-out-of-range",
                "capturedAt and sentAt are too far apart to be one kiosk clock's readings."));
        }
        var at = new DateTimeOffset(shifted, TimeSpan.Zero);
        if (at > now)
        {
            at = now; // taken after it was sent cannot be: the clocks moved in between
        }
        if (now - at > maxAge)
        {
            return (null, new Refusal(StatusCodes.Status422UnprocessableEntity, "capture-too-old",
                $"This scan was taken more than {maxAge.TotalHours:0} hours ago and was not recorded; add it by hand if it should count."));
        }
        return (new OfflineCapture(captureId, at), null);
    }

    private static bool TryInstant(string? text, out DateTimeOffset instant) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out instant);
}
