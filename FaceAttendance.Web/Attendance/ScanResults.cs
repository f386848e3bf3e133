using FaceAttendance.Web.Faces;

namespace FaceAttendance.Web.Attendance;

/// <summary>The outcome names of scans, shared by the stored decision (<see cref="Data.ScanDecision.Result"/>), the
/// scans metric's tag, the scan log line and the dashboard's counts.</summary>
public static class ScanResults
{
    public const string CheckedIn = "checked-in";
    public const string CheckedOut = "checked-out";
    public const string AlreadyRecorded = "already-recorded";
    public const string Unknown = "unknown";
    public const string Refused = "refused";

    /// <summary>Scans that named somebody.</summary>
    public static readonly IReadOnlyList<string> Recognised = [CheckedIn, CheckedOut, AlreadyRecorded];

    /// <summary>The result, and for a refusal its code (no-face, multiple-faces, poor-quality, not-live).</summary>
    public static (string Result, string? Reason) Of(AttendanceOutcome outcome) => outcome switch
    {
        { Problem: { } problem } => (Refused, FaceProblems.Code(problem.Code)),
        { Result.Status: AttendanceStatus.CheckedIn } => (CheckedIn, null),
        { Result.Status: AttendanceStatus.CheckedOut } => (CheckedOut, null),
        { Result.Status: AttendanceStatus.AlreadyRecorded } => (AlreadyRecorded, null),
        _ => (Unknown, null),
    };
}
