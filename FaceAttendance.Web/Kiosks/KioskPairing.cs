using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Kiosks;

/// <summary>A kiosk as admins see it. <see cref="State"/>: paired, awaiting-pairing (a code is out, also for a revoked
/// kiosk being paired again), or revoked.</summary>
public sealed record KioskResponse(
    Guid Id, string Name, string Site, string TimeZone, string State, DateTime CreatedAt, DateTime? PairedAt, DateTime? LastContactAt,
    DateTime? RevokedAt, bool CanScanOffline, Guid? SiteId, string SiteName, string? Language)
{
    public static KioskResponse From(Kiosk k) => new(k.Id, k.Name, k.Site, k.TimeZone,
        k.TokenHash is not null ? "paired" : k.RevokedAt is not null && k.PairingCodeHash is null ? "revoked" : "awaiting-pairing",
        k.CreatedAt, k.PairedAt, k.LastContactAt, k.RevokedAt, k.TokenHash is not null && k.PublicKey is not null, k.SiteId, k.Site, k.Language);
}

/// <summary>A one-time pairing code: typed on the kiosk, or the QR code of <see cref="PairingUrl"/> scanned with it.</summary>
public sealed record PairingCode(string Code, string PairingUrl, DateTime ExpiresAt);

/// <summary>
/// How a kiosk comes to be trusted: an admin adds it and gets a one-time code; the kiosk (or a script, through the admin
/// API) exchanges it once for a device token, giving its public key for offline scans. Pairing again replaces the token,
/// revoking removes it.
/// </summary>
public sealed class KioskPairing(AttendanceDbContext db, KioskOptions options, AttendanceCalendar calendar, TimeProvider time)
{
    /// <summary>The time zone a kiosk gets when none is named: the one the app counts days in.</summary>
    public string DefaultTimeZone => calendar.TimeZone.Id;

    /// <summary>Why <paramref name="zone"/> cannot be a kiosk's time zone; null when it can.</summary>
    public static Refusal? TimeZoneRefusal(string zone) => TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _)
        ? null
        : new Refusal(StatusCodes.Status400BadRequest, "unknown-time-zone", $"'{zone}' is not a time zone this server knows (use an IANA id such as 'Europe/London').");

    /// <summary>A new code for <paramref name="kiosk"/> (any earlier one stops working); saved by the caller.</summary>
    public PairingCode IssueCode(Kiosk kiosk, Uri appBase)
    {
        var code = KioskCredentials.NewPairingCode();
        kiosk.PairingCodeHash = KioskCredentials.Hash(KioskCredentials.NormalisePairingCode(code));
        kiosk.PairingCodeExpiresAt = time.GetUtcNow().UtcDateTime + options.PairingCodeLifetime;
        return new PairingCode(code, new Uri(appBase, $"?pair={Uri.EscapeDataString(code)}").ToString(), kiosk.PairingCodeExpiresAt.Value);
    }

    /// <summary>The kiosk an unexpired code was issued for, or null.</summary>
    public async Task<Kiosk?> FindByCodeAsync(string code, CancellationToken ct)
    {
        var normalised = KioskCredentials.NormalisePairingCode(code);
        if (normalised.Length == 0)
        {
            return null;
        }
        var hash = KioskCredentials.Hash(normalised);
        var now = time.GetUtcNow().UtcDateTime;
        return await db.Kiosks.FirstOrDefaultAsync(k => k.PairingCodeHash == hash && k.PairingCodeExpiresAt > now, ct);
    }

    /// <summary>Pairs <paramref name="kiosk"/> now: a new device token (returned, never stored), the public key its offline
    /// scans are checked with, the code used up, a revocation lifted. Saved by the caller.</summary>
    public (string? Token, Refusal? Refusal) Pair(Kiosk kiosk, string? publicKey)
    {
        if (publicKey is not null)
        {
            using var key = OfflineScanSignature.ReadPublicKey(publicKey);
            if (key is null)
            {
                return (null, new Refusal(StatusCodes.Status400BadRequest, "invalid-public-key",
                    "publicKey must be an ECDSA P-256 public key as base64 SubjectPublicKeyInfo (WebCrypto's 'spki' export)."));
            }
        }
        var token = KioskCredentials.NewToken(kiosk.Id);
        var now = time.GetUtcNow().UtcDateTime;
        kiosk.TokenHash = KioskCredentials.Hash(KioskCredentials.ReadToken(token)!.Value.Secret);
        kiosk.PublicKey = publicKey;
        kiosk.PairedAt = now;
        kiosk.PairingCodeHash = null;
        kiosk.PairingCodeExpiresAt = null;
        kiosk.RevokedAt = null;
        kiosk.LastContactAt = now;
        (kiosk.SilentFrom, kiosk.SilentUntil) = (null, null);
        return (token, null);
    }

    /// <summary>Ends the kiosk's access at once: its token and key are dropped, its events stay.</summary>
    public void Revoke(Kiosk kiosk)
    {
        kiosk.RevokedAt = time.GetUtcNow().UtcDateTime;
        kiosk.TokenHash = null;
        kiosk.PublicKey = null;
        kiosk.PairingCodeHash = null;
        kiosk.PairingCodeExpiresAt = null;
    }

    /// <summary>Renames or moves <paramref name="kiosk"/> and sets its language (null: its browser's); a null time zone
    /// keeps its own. Saved by the caller.</summary>
    public static void Move(Kiosk kiosk, string name, Site site, string? timeZone, string? language) =>
        (kiosk.Name, kiosk.Site, kiosk.SiteId, kiosk.TimeZone, kiosk.Language) = (name.Trim(), site.Name, site.Id, timeZone ?? kiosk.TimeZone, language);

    /// <param name="timeZone">the site's when left out.</param>
    /// <param name="language">null: its browser's.</param>
    public Kiosk NewKiosk(string name, Site site, string? timeZone, string? language) => new()
    {
        Language = language,
        Name = name.Trim(),
        Site = site.Name,
        SiteId = site.Id,
        TimeZone = timeZone ?? site.TimeZone,
        CreatedAt = time.GetUtcNow().UtcDateTime,
    };

    /// <summary>The app's own address as the request reached it, which a pairing URL starts with (a request without a
    /// Host header, which HTTP/1.0 and hand-made Lambda events allow, gets localhost's).</summary>
    public static Uri AppBase(HttpRequest request) =>
        new($"{request.Scheme}://{(request.Host.HasValue ? request.Host.Value : "localhost")}{request.PathBase}/");
}
