using System.Globalization;
using System.Text;
using FaceAttendance.Web.Hours;
using MiniExcel = MiniExcelLibs.MiniExcel;

namespace FaceAttendance.Web.Attendance;

/// <summary>One person's figures over a period: what a payroll run pays (regular and overtime hours) and what it asks
/// about (absences, and the days still open, closed for review or punched by an unconfirmed PIN).</summary>
public sealed record PersonTotal(string EmployeeId, string Name, int DaysWorked, TimeSpan Regular, TimeSpan Overtime, int Absences, int Late, int ToReview)
{
    public static IReadOnlyList<PersonTotal> Of(IEnumerable<TimesheetDay> days) => [.. days
        .GroupBy(d => d.EmployeeId)
        .Select(g => new PersonTotal(g.Key, g.Last().Name, g.Count(d => d.Worked > TimeSpan.Zero), Sum(g, d => d.Regular), Sum(g, d => d.Overtime),
            g.Count(d => d.Flags.Contains(DayFlag.Absent)), g.Count(d => d.Flags.Contains(DayFlag.Late)),
            g.Count(d => d.Flags.Contains(DayFlag.AutoClosed) || d.Flags.Contains(DayFlag.Open) || d.Flags.Contains(DayFlag.PinUnconfirmed))))
        .OrderBy(t => t.Name, StringComparer.CurrentCultureIgnoreCase)];

    private static TimeSpan Sum(IEnumerable<TimesheetDay> days, Func<TimesheetDay, TimeSpan> figure) => new(days.Sum(d => figure(d).Ticks));
}

/// <summary>The timesheet as files for payroll: CSV with one row per person-day, and XLSX (written with MiniExcel) with
/// that sheet ("Days") and one row per person ("Summary"). Hours are decimal hours to two places; the columns are
/// documented in docs/timeclock.md.</summary>
public static class TimesheetExport
{
    private static readonly (string Header, Func<TimesheetDay, object?> Value)[] DayColumns =
    [
        ("date", d => d.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        ("employeeId", d => d.EmployeeId),
        ("name", d => d.Name),
        ("timeZone", d => d.TimeZone),
        ("shift", d => d.Shift ?? ""),
        ("firstIn", d => Time(d.FirstIn)),
        ("lastOut", d => Time(d.LastOut)),
        ("breakHours", d => Hours(d.Breaks)),
        ("workedHours", d => Hours(d.Worked)),
        ("regularHours", d => Hours(d.Regular)),
        ("overtimeHours", d => Hours(d.Overtime)),
        ("flags", d => string.Join(" ", d.Flags.Select(Flag))),
        ("rules", d => string.Join("; ", d.Trace)),
        ("corrections", d => string.Join("; ", d.Corrections)),
        ("events", d => string.Join(" ", d.Events)),
    ];

    private static readonly (string Header, Func<PersonTotal, object?> Value)[] SummaryColumns =
    [
        ("employeeId", t => t.EmployeeId),
        ("name", t => t.Name),
        ("daysWorked", t => t.DaysWorked),
        ("regularHours", t => Hours(t.Regular)),
        ("overtimeHours", t => Hours(t.Overtime)),
        ("absences", t => t.Absences),
        ("lateDays", t => t.Late),
        ("daysToReview", t => t.ToReview),
    ];

    public static string Csv(IReadOnlyList<TimesheetDay> days)
    {
        var csv = new StringBuilder().AppendJoin(',', DayColumns.Select(c => c.Header)).Append("\r\n");
        foreach (var day in days)
        {
            csv.AppendJoin(',', DayColumns.Select(c => Http.Csv.Field(Convert.ToString(c.Value(day), CultureInfo.InvariantCulture)))).Append("\r\n");
        }
        return csv.ToString();
    }

    public static byte[] Xlsx(IReadOnlyList<TimesheetDay> days)
    {
        var sheets = new Dictionary<string, object>
        {
            ["Days"] = Rows(days, DayColumns),
            ["Summary"] = Rows(PersonTotal.Of(days), SummaryColumns),
        };
        using var file = new MemoryStream();
        MiniExcel.SaveAs(file, sheets, excelType: MiniExcelLibs.ExcelType.XLSX);
        return file.ToArray();
    }

    /// <summary>A flag as the API spells it: left-early, auto-closed.</summary>
    public static string Flag(DayFlag flag) => System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(flag.ToString());

    private static List<Dictionary<string, object?>> Rows<T>(IEnumerable<T> items, (string Header, Func<T, object?> Value)[] columns) =>
        [.. items.Select(item => columns.ToDictionary(c => c.Header, c => c.Value(item)))];

    private static double Hours(TimeSpan duration) => Math.Round(duration.TotalHours, 2, MidpointRounding.AwayFromZero);

    private static string Time(DateTimeOffset? at) => at?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "";
}
