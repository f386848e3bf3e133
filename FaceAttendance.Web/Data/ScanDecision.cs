namespace FaceAttendance.Web.Data;

/// <summary>
/// The answer given for one kiosk snapshot. The snapshot key is the primary key, so a key is decided once: a repeat
/// or a racing second request for it gets this answer back instead of a new check-in or check-out.
/// </summary>
public sealed class ScanDecision
{
    public required string SnapshotKey { get; set; }
    public DateTime DecidedAt { get; set; }

    /// <summary>The <see cref="Attendance.ScanOutcome"/> as JSON, replayed as it was.</summary>
    public required string Outcome { get; set; }

    /// <summary>The <see cref="Attendance.ScanResults"/> name (checked-in, ..., refused), which the dashboard counts.</summary>
    public required string Result { get; set; }

    /// <summary>Why it was refused (no-face, poor-quality, ...), for <see cref="Attendance.ScanResults.Refused"/>.</summary>
    public string? Reason { get; set; }

    /// <summary>Who the snapshot was recognised as, so erasing them deletes this decision (and its copy of their name).</summary>
    public Guid? PersonId { get; set; }

    /// <summary>For an unknown face an admin enrolled from its snapshot: whom, so the unknown-attempts view says so.</summary>
    public string? EnrolledAs { get; set; }

    /// <summary>Whether the snapshot is kept: it backs an event, or shows an unknown face that retention keeps.</summary>
    public bool KeepsSnapshot { get; set; }

    /// <summary>SHA-256 (hex) of the snapshot bytes that were decided: a kept snapshot is shown or exported only while
    /// the store still holds exactly these bytes, so evidence replaced after the decision (an S3 upload policy allows
    /// writing its key again until it expires) is never presented as what the kiosk saw.</summary>
    public string? SnapshotSha256 { get; set; }

    /// <summary>The kiosk that sent the scan.</summary>
    public Guid? KioskId { get; set; }

    /// <summary>For a scan a kiosk kept offline, its capture id: unique per kiosk, so each capture is decided (and
    /// recorded) once, whatever time or key it is sent with again.</summary>
    public Guid? CaptureId { get; set; }
}
