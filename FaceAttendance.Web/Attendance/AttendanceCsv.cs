using System.Globalization;
using System.Text;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Kiosks;

namespace FaceAttendance.Web.Attendance;

/// <summary>Attendance events as RFC 4180 CSV, one row per event, with UTC and local times, each event's corrections, the
/// kiosk that made it (empty for one added by hand), whether it was recorded offline and the site it was recorded at.</summary>
public static class AttendanceCsv
{
    public const string ReassignedAway = "reassigned away from this person";

    public const string Header = "eventId,recordedAtUtc,localDate,localTime,employeeId,name,kind,similarity,voided,corrections,kiosk,recordedOffline,site";

    /// <param name="subject">For one person's export: an event since reassigned away from them keeps the name and
    /// employee id it was recorded under for them (not the other person's) and says it is no longer theirs.</param>
    public static string Write(IEnumerable<AttendanceEvent> events, AttendanceCalendar calendar, KioskNames kiosks, Guid? subject = null)
    {
        var csv = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var e in events)
        {
            var local = calendar.ToLocal(e.RecordedAt);
            var away = subject is { } id && e.PersonId != id ? e.Corrections.Where(c => c.FromPersonId == id).MaxBy(c => c.At) : null;
            var corrections = string.Join("; ", e.Corrections.OrderBy(c => c.At).Select(c => Describe(c, calendar)));
            csv.AppendJoin(',',
                e.Id.ToString(),
                e.RecordedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                local.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
                Csv.Field(away is null ? e.EmployeeId : away.FromEmployeeId),
                Csv.Field(away is null ? e.PersonName : away.FromName),
                e.Kind.CsvName(),
                e.Similarity.ToString("0.0000", CultureInfo.InvariantCulture),
                e.Voided ? "yes" : "no",
                Csv.Field(away is null ? corrections : $"{ReassignedAway}; {corrections}"),
                Csv.Field(kiosks.Of(e) ?? ""),
                e.RecordedOffline ? "yes" : "no",
                Csv.Field(kiosks.SiteOf(e) ?? "")).Append("\r\n");
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
