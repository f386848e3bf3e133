using System.Text.Json;

namespace FaceAttendance.Web.Attendance;

/// <summary>The outcome names of scans: each <see cref="AttendanceStatus"/> as the kiosk's JSON names it, and
/// <see cref="Refused"/>. Shared by the stored decision (<see cref="Data.ScanDecision.Result"/>), the scans metric's tag,
/// the scan log line and the dashboard's counts.</summary>
public static class ScanResults
{
    public const string Refused = "refused";

    public static readonly string Unknown = NameOf(AttendanceStatus.Unknown);

    /// <summary>Scans that named somebody.</summary>
    public static readonly IReadOnlyList<string> Recognised =
        [NameOf(AttendanceStatus.CheckedIn), NameOf(AttendanceStatus.CheckedOut), NameOf(AttendanceStatus.AlreadyRecorded), NameOf(AttendanceStatus.Choose)];

    /// <summary>checked-in, checked-out, already-recorded, unknown, choose, ...: the JSON converter's kebab-case name.</summary>
    public static string NameOf(AttendanceStatus status) => JsonNamingPolicy.KebabCaseLower.ConvertName(status.ToString());
}
