using System.Globalization;
using System.Text;
using FaceAttendance.Web.Api;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;

namespace FaceAttendance.Web.Attendance;

/// <summary>Attendance events as RFC 4180 CSV, one row per event, with UTC and local times.</summary>
public static class AttendanceCsv
{
    public const string Header = "eventId,recordedAtUtc,localDate,localTime,employeeId,name,kind,similarity";

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
                e.Similarity.ToString("0.0000", CultureInfo.InvariantCulture)).Append("\r\n");
        }
        return csv.ToString();
    }
}
