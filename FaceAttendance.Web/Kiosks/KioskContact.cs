using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Kiosks;

/// <summary>
/// When each kiosk was last heard from, and its latest silence: what bounds the scans it may send later. A scan kept
/// offline is only recorded if it was taken after the kiosk's last contact before it went silent, so a kiosk that has been
/// in touch all day cannot record a scan "from this morning".
/// </summary>
public static class KioskContact
{
    /// <summary>Contacts closer together than this are not written again: a kiosk checks in every minute anyway.</summary>
    private static readonly TimeSpan WriteEvery = TimeSpan.FromSeconds(10);

    /// <summary>How far before its last contact a capture may be dated: the kiosk's clock correction is only as good as the
    /// round trip it was measured over, and an upload may fail just after a successful request.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromSeconds(30);

    /// <summary>How long after a silence its scans may still be sent: a kiosk sends what it kept within seconds of being
    /// back (and every 15 s after), so a kiosk back since the morning cannot date scans into last night all day.</summary>
    public static readonly TimeSpan ReplayWithin = TimeSpan.FromMinutes(15);

    /// <summary>Records a contact at <paramref name="now"/>, and a silence when the last one was more than
    /// <paramref name="gap"/> ago; <paramref name="kiosk"/> is updated to match.</summary>
    public static async Task RecordAsync(AttendanceDbContext db, Kiosk kiosk, DateTime now, TimeSpan gap, CancellationToken ct)
    {
        if (kiosk.LastContactAt is { } last && now - last < WriteEvery)
        {
            return;
        }
        if (kiosk.LastContactAt is { } before && now - before > gap)
        {
            (kiosk.SilentFrom, kiosk.SilentUntil) = (before, now);
        }
        kiosk.LastContactAt = now;
        await db.Kiosks.Where(k => k.Id == kiosk.Id).ExecuteUpdateAsync(set => set
            .SetProperty(k => k.LastContactAt, kiosk.LastContactAt)
            .SetProperty(k => k.SilentFrom, kiosk.SilentFrom)
            .SetProperty(k => k.SilentUntil, kiosk.SilentUntil), ct);
    }

    /// <summary>Why a scan <paramref name="kiosk"/> says it took at <paramref name="at"/> (server time) cannot have been
    /// taken offline; null when it can: during its latest silence (sent within <see cref="ReplayWithin"/> of its end), or
    /// in the last <paramref name="gap"/> (an upload that failed while the kiosk was still in touch).</summary>
    public static Refusal? OfflineRefusal(PairedKiosk kiosk, DateTime at, DateTime now, TimeSpan gap)
    {
        var inSilence = kiosk.SilentFrom is { } from && kiosk.SilentUntil is { } until && at >= from - Tolerance && at <= until
            && now - until <= ReplayWithin;
        return inSilence || at >= now - gap - Tolerance
            ? null
            : new Refusal(StatusCodes.Status422UnprocessableEntity, "capture-while-online",
                "This kiosk was in contact with the server when it says the scan was taken, so it was not an offline scan; it was not recorded.");
    }
}
