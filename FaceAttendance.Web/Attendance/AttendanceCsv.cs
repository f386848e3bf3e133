using System.Globalization;
using System.Text;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;

namespace FaceAttendance.Web.Attendance;

/// <summary>Attendance events as RFC 4180 CSV, one row per event, with UTC and local times.</summary>
public static class AttendanceCsv
{
    public const string Header = "eventId,recordedAtUtc,localDate,localTime,employeeId,name,kind,similarity,voided,corrections";

    public static string Write(IEnumerable<AttendanceEvent> events, AttendanceCalendar calendar)
    {
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var e in events)
        {
            var local = calendar.ToLocal(e.RecordedAt);
            csv.AppendJoin(',',
                e.Id.ToString(),
                e.RecordedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                local.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                Csv.Field(e.EmployeeId),
                Csv.Field(e.PersonName),
                e.Kind == AttendanceKind.In ? "in" : "out",
                e.Similarity.ToString("0.0000", CultureInfo.InvariantCulture),
                e.Voided ? "yes" : "no",
                Csv.Field(string.Join("; ", e.Corrections.OrderBy(c => c.At).Select(c => Describe(c, calendar))))).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <summary>A correction in a timesheet reader's words: "voided 2026-12-02 10:15 by admin: wrong person".</summary>
    public static string Describe(AttendanceCorrection correction, AttendanceCalendar calendar)
    {
        var when = calendar.ToLocal(correction.At).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var what = correction.Action switch
        {
            CorrectionAction.Voided => "voided",
            CorrectionAction.Added => "added",
            _ => $"reassigned from {correction.FromName} ({correction.FromEmployeeId})",
        };
        return $"{what} {when} by {correction.Actor}: {correction.Reason}";
    }
}
