namespace FaceAttendance.Web.Data;

/// <summary>
/// A device allowed to record attendance: added by an admin, paired once with a one-time code, and from then on known
/// by its device token (only a hash is kept) and, for scans it signs while offline, its public key. Never deleted, so
/// the events it made keep naming it; a revoked kiosk keeps its row and loses its credentials.
/// </summary>
public sealed class Kiosk
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Name { get; set; }

    /// <summary>The site's name, kept in step with <see cref="SiteId"/> (a rename of the site renames it here too): the
    /// column predates sites, and SQLite could drop it only by rebuilding the table.</summary>
    public required string Site { get; set; }

    /// <summary>The site the kiosk belongs to; its scans' events carry it. Null only for a kiosk added before sites
    /// existed whose site row the <c>SitesAndDepartments</c> migration could not make.</summary>
    public Guid? SiteId { get; set; }

    /// <summary>IANA time zone the kiosk's clock shows.</summary>
    public required string TimeZone { get; set; }

    /// <summary>The language the kiosk speaks (one of <see cref="Localization.Languages.Supported"/>); null: its browser's.</summary>
    public string? Language { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>SHA-256 of the one-time pairing code while one is outstanding.</summary>
    public string? PairingCodeHash { get; set; }
    public DateTime? PairingCodeExpiresAt { get; set; }

    /// <summary>SHA-256 of the device token's secret; null until paired and after revoking.</summary>
    public string? TokenHash { get; set; }
    public DateTime? PairedAt { get; set; }

    /// <summary>The ECDSA P-256 public key (SubjectPublicKeyInfo, base64) whose private key the kiosk made at pairing and
    /// signs offline scans with; null for a kiosk that cannot scan offline (a script paired without one).</summary>
    public string? PublicKey { get; set; }

    /// <summary>The last request the kiosk made with its token.</summary>
    public DateTime? LastContactAt { get; set; }

    /// <summary>The kiosk's latest silence longer than <c>Kiosk:ContactGap</c>: its last contact before it (from) and its first
    /// after (until). A scan it kept offline must have been taken in that silence, or in the last moments before it is sent.</summary>
    public DateTime? SilentFrom { get; set; }
    public DateTime? SilentUntil { get; set; }

    public DateTime? RevokedAt { get; set; }
}
