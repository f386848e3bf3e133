using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;

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

        var rows = AttendanceCsv.Write(events, Tokyo).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        rows[1].Should().EndWith(",2026-03-02T23:30:00Z,2026-03-03,08:30:00,E1,\"Smith, \"\"Jo\"\"\",in,0.9500,no,", "not voided, no corrections");
        rows[2].Should().Contain(",\"'=HYPERLINK(\"\"x\"\")\",'@mallory,in,");
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
