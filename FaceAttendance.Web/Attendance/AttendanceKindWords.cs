using FaceAttendance.Web.Data;

namespace FaceAttendance.Web.Attendance;

/// <summary>Each <see cref="AttendanceKind"/> in words, the one wording the log, the add and correct pages and the CSV share.</summary>
public static class AttendanceKindWords
{
    /// <summary>"Check-in", "Check-out", "Break start", "Break end".</summary>
    public static string Words(this AttendanceKind kind) => kind switch
    {
        AttendanceKind.In => "Check-in",
        AttendanceKind.Out => "Check-out",
        AttendanceKind.BreakStart => "Break start",
        _ => "Break end",
    };

    /// <summary>"check-in", ..., "break start": inside a sentence.</summary>
    public static string InSentence(this AttendanceKind kind) => kind.Words().ToLowerInvariant();

    /// <summary>"in", "out", "break start", "break end": the CSV's kind column, as before breaks for in and out.</summary>
    public static string CsvName(this AttendanceKind kind) => kind switch
    {
        AttendanceKind.In => "in",
        AttendanceKind.Out => "out",
        _ => kind.InSentence(),
    };
}
