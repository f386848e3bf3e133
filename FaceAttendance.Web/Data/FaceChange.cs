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
