namespace FaceAttendance.Web.Data;

/// <summary>A person's pay period, approved and so locked: a correction of an event inside it needs an Owner or Admin.
/// Reopening deletes it (the audit log keeps both). The dates are the period's own when it was approved, so a later
/// change of the pay period setting leaves it as it was.</summary>
public sealed class PeriodApproval
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }

    /// <summary>First and last local day of the period, both inclusive.</summary>
    public DateOnly Start { get; set; }
    public DateOnly End { get; set; }

    public DateTime ApprovedAt { get; set; }
    public required string ApprovedBy { get; set; }

    /// <summary>When an event inside it last changed after approval (an Owner's or Admin's correction, a scan sent late
    /// by a kiosk that was offline), and how; null while it is as approved.</summary>
    public DateTime? ChangedAt { get; set; }
    public string? Change { get; set; }
}
