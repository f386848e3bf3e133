namespace FaceAttendance.Web.Data;

public enum CorrectionAction { Voided, Added, Reassigned }

/// <summary>
/// A manager's correction of the attendance log, kept beside the event it corrects and never changed: who, when, why,
/// and for a reassignment whom the event named before. A voided event stays in the log (marked), out of timesheets;
/// an added one has no snapshot.
/// </summary>
public sealed class AttendanceCorrection
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid EventId { get; set; }
    public CorrectionAction Action { get; set; }
    public DateTime At { get; set; }
    public required string Actor { get; set; }
    public required string Reason { get; set; }

    /// <summary>For <see cref="CorrectionAction.Reassigned"/>: the person the event named before.</summary>
    public Guid? FromPersonId { get; set; }
    public string? FromName { get; set; }
    public string? FromEmployeeId { get; set; }
}
