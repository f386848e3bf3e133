namespace FaceAttendance.Web.Data;

/// <summary>
/// One admin action, kept append-only (the database refuses updates and deletes of this table): who (an account, an API
/// key or a kiosk), from where, what, on which record. Never biometric data: an erased person leaves their employee id here,
/// not their face.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    /// <summary>Who, readably: the account's user name, "api key Payroll export", "configured api key", "kiosk Front door".</summary>
    public required string Actor { get; set; }

    /// <summary>The id of the account, API key or kiosk that acted; null for the configured API key and anonymous requests.</summary>
    public string? ActorId { get; set; }

    public string? Address { get; set; }

    /// <summary>What was done, as a dotted name: person.created, face.enrolled, person.erased, attendance.exported…</summary>
    public required string Action { get; set; }

    /// <summary>The record acted on, e.g. the person's id.</summary>
    public string? Subject { get; set; }

    /// <summary>In words, at most <see cref="MaxDetailLength"/> characters (<see cref="AuditTrail.Entry"/> shortens a longer one).</summary>
    public string? Detail { get; set; }

    public const int MaxDetailLength = 1000;
}
