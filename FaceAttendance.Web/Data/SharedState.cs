namespace FaceAttendance.Web.Data;

/// <summary>
/// One row per change to an enrolled face (added, re-embedded or deleted), written by <see cref="AttendanceDbContext"/>
/// in the same transaction as the change itself. Every instance polls rows after the last <see cref="Sequence"/> it
/// applied and reloads those faces' current state, so its in-memory index follows the database.
/// </summary>
public sealed class FaceChange
{
    /// <summary>Increases in commit order (see <see cref="AttendanceDbContext.OrderFaceChangesAsync"/>).</summary>
    public long Sequence { get; set; }

    public Guid FaceId { get; set; }

    public DateTime ChangedAt { get; set; }
}

/// <summary>The generated admin credentials, hashed, shared by every instance (one row, <see cref="Id"/> 1).</summary>
public sealed class StoredAdminCredentials
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;
    public required string ApiKeySha256 { get; set; }
    public required string PasswordHash { get; set; }
}

/// <summary>Who may run a background job until when, so only one instance runs it (see <see cref="JobLeases"/>).</summary>
public sealed class JobLease
{
    public required string Name { get; set; }
    public required string Holder { get; set; }

    /// <summary>Unix milliseconds: compared inside the database, so stored as a number on every provider.</summary>
    public long ExpiresAtUnixMs { get; set; }
}
