using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Kiosks;

namespace FaceAttendance.Tests.Web.Attendance;

public sealed class AttendanceCsvTests
{
    private static readonly AttendanceCalendar Tokyo = new(new CalendarOptions { TimeZone = "Asia/Tokyo" });

    [Fact]
    public void NamesWithCommasAndQuotesAreQuotedAndFormulaLikeCellsAreDefused()
    {
        var events = new[]
        {
            Event("E1", "Smith, \"Jo\"", new DateTime(2026, 3, 2, 23, 30, 0, DateTimeKind.Utc)),
            Event("=HYPERLINK(\"x\")", "@mallory", new DateTime(2026, 3, 3, 1, 0, 0, DateTimeKind.Utc)),
        };

        var rows = AttendanceCsv.Write(events, Tokyo, KioskNames.None).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        rows[1].Should().EndWith(",2026-03-02T23:30:00Z,2026-03-03,08:30:00,E1,\"Smith, \"\"Jo\"\"\",in,0.9500,no,,,no,",
            "not voided, no corrections, no kiosk (added by hand), not recorded offline");
        rows[2].Should().Contain(",\"'=HYPERLINK(\"\"x\"\")\",'@mallory,in,");
    }

    [Fact]
    public void EachRowNamesItsKioskFormulaSafeAndSaysWhetherItWasRecordedOffline()
    {
        var kioskId = Guid.NewGuid();
        var offline = Event("E1", "Ada", new DateTime(2026, 3, 2, 23, 30, 0, DateTimeKind.Utc));
        (offline.KioskId, offline.RecordedOffline) = (kioskId, true);
        var kiosks = new KioskNames(new Dictionary<Guid, string> { [kioskId] = "=Front door" }, new Dictionary<Guid, string>());

        var rows = AttendanceCsv.Write([offline], Tokyo, kiosks).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        rows[0].Should().EndWith(",corrections,kiosk,recordedOffline,site");
        rows[1].Should().EndWith(",no,,'=Front door,yes,");
    }

    private static AttendanceEvent Event(string employeeId, string name, DateTime utc) => new()
    {
        EmployeeId = employeeId,
        PersonName = name,
        Kind = AttendanceKind.In,
        RecordedAt = utc,
        Similarity = 0.95f,
    };
}
