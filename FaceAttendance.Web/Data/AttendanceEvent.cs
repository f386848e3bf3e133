namespace FaceAttendance.Web.Data;

public enum AttendanceKind { In, Out, BreakStart, BreakEnd }

/// <summary>How the person said who they were: their face, or a PIN typed at the kiosk.</summary>
public enum AttendanceMethod { Face, Pin }

/// <summary>What the snapshot of a PIN event shows next to the person who typed the PIN.</summary>
public enum PinFaceCheck { Matches, NoFace, OtherPerson, BelowThreshold }

/// <summary>A check-in or check-out, or the start or end of a break. Name and employee id are copied so history survives erasing the person.</summary>
public sealed class AttendanceEvent
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid? PersonId { get; set; }
    public required string PersonName { get; set; }
    public required string EmployeeId { get; set; }
    public AttendanceKind Kind { get; set; }

    /// <summary>UTC instant of the recognition.</summary>
    public DateTime RecordedAt { get; set; }

    public float Similarity { get; set; }

    /// <summary>Liveness score 0..1 of the scanned face (higher = more likely a live person); null when the engine gives none.</summary>
    public float? Liveness { get; set; }

    /// <summary>Object-store key of the kiosk snapshot; cleared when retention deletes it.</summary>
    public string? SnapshotKey { get; set; }

    /// <summary>A manager voided it (<see cref="AttendanceCorrection"/> says who and why): it stays in the log, marked,
    /// and counts nowhere else.</summary>
    public bool Voided { get; set; }

    public List<AttendanceCorrection> Corrections { get; set; } = [];

    /// <summary>The kiosk could not reach the server and sent the scan later: <see cref="RecordedAt"/> is its capture
    /// time by the kiosk's clock, corrected by that clock's offset from the server's.</summary>
    public bool RecordedOffline { get; set; }

    /// <summary>The kiosk that made it; null for an event an admin added by hand.</summary>
    public Guid? KioskId { get; set; }

    /// <summary>Where it happened: the kiosk's site, or for an event added by hand the site chosen, else the person's
    /// home site; null when none was known.</summary>
    public Guid? SiteId { get; set; }

    public AttendanceMethod Method { get; set; }

    /// <summary>For a PIN event, whether its snapshot shows the person: anything but <see cref="PinFaceCheck.Matches"/> is
    /// flagged for review. Null for a face scan.</summary>
    public PinFaceCheck? PinFaceCheck { get; set; }
}
