using System.ComponentModel.DataAnnotations;

namespace FaceAttendance.Web.Storage;

public enum StorageProvider { Local, S3 }

/// <summary>The <c>FaceAttendance:Storage</c> section.</summary>
public sealed class StorageOptions
{
    public const string Section = "FaceAttendance:Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Local;

    /// <summary>Most bytes DataDir may hold (database, photos, snapshots); past it, writes answer 507. 0: no quota.</summary>
    [Range(0, long.MaxValue)]
    public long QuotaBytes { get; set; }

    /// <summary>Free space the disk under DataDir must keep; below it, writes answer 507 and /healthz is Unhealthy, so
    /// the database never meets a full disk half-way through a write.</summary>
    [Range(0, long.MaxValue)]
    public long MinFreeBytes { get; set; } = 64L * 1024 * 1024;
}
