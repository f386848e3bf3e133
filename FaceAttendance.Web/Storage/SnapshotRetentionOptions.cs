using System.ComponentModel.DataAnnotations;

namespace FaceAttendance.Web.Storage;

/// <summary>The top-level <c>FaceAttendance:SnapshotRetentionDays</c> key that <see cref="SnapshotRetention"/> applies.</summary>
public sealed class SnapshotRetentionOptions
{
    public const string Section = "FaceAttendance";

    [Range(1, 3650)]
    public int SnapshotRetentionDays { get; set; } = 7;
}
