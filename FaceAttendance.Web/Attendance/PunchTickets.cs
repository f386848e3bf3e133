using System.Security.Cryptography;
using System.Text.Json;
using FaceAttendance.Web.Data;
using Microsoft.AspNetCore.DataProtection;

namespace FaceAttendance.Web.Attendance;

/// <summary>What a recognised scan lets its kiosk punch next: who, with which kept snapshot, at which kiosk, and the
/// scan's scores for the event. Sealed in a <see cref="PunchTickets"/> ticket, so the kiosk never sees an id.</summary>
public sealed record PunchTicket(Guid PersonId, string SnapshotKey, Guid KioskId, float Similarity, float? Liveness, PinFaceCheck? FaceCheck = null);

/// <summary>The choice a kiosk is offered after a scan: the sealed ticket, the punches allowed, the likely one first.</summary>
public sealed record PunchOffer(string Ticket, IReadOnlyList<AttendanceKind> Allowed, DateTime ExpiresAt);

/// <summary>Seals and opens punch tickets with Data Protection's time-limited protector. A ticket is good for
/// <see cref="Lifetime"/>, at the kiosk it names, once: <see cref="AttendanceRecorder.PunchAsync"/> refuses a ticket whose
/// snapshot already backs an event.</summary>
public sealed class PunchTickets(IDataProtectionProvider provider, TimeProvider time)
{
    /// <summary>Long enough to read four buttons and tap one; a person who walks away leaves nothing to use later.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("FaceAttendance.Attendance.PunchTicket.v1").ToTimeLimitedDataProtector();

    public PunchOffer Offer(PunchTicket ticket, IReadOnlyList<AttendanceKind> allowed)
    {
        var expiresAt = time.GetUtcNow() + Lifetime;
        return new PunchOffer(_protector.Protect(JsonSerializer.Serialize(ticket), expiresAt), allowed, expiresAt.UtcDateTime);
    }

    /// <returns>The ticket, or null when it is forged, damaged, expired or another kiosk's.</returns>
    public PunchTicket? Read(string? sealedTicket, Guid kioskId)
    {
        if (string.IsNullOrEmpty(sealedTicket))
        {
            return null;
        }
        try
        {
            var payload = _protector.Unprotect(sealedTicket, out var expiresAt);
            return expiresAt > time.GetUtcNow() && JsonSerializer.Deserialize<PunchTicket>(payload) is { } ticket && ticket.KioskId == kioskId
                ? ticket
                : null;
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }
}
