using System.ComponentModel.DataAnnotations;

namespace FaceAttendance.Web.Attendance;

/// <summary>The top-level <c>FaceAttendance:DuplicateWindow</c> key that <see cref="AttendanceRecorder"/> applies.</summary>
public sealed class AttendanceOptions
{
    public const string Section = "FaceAttendance";

    /// <summary>A second recognition of the same person inside this window records nothing.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(2);
}
