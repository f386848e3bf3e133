using System.Text.Json.Serialization;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Hours;

/// <summary>A weekly shift: <c>start</c> and <c>end</c> are wall-clock times ("22:00:00"); an end at or before the start is the next day.</summary>
public sealed record WeeklyShift([property: JsonRequired] DayOfWeek Day, [property: JsonRequired] TimeOnly Start, [property: JsonRequired] TimeOnly End);

/// <summary>A one-off change on a date: another shift, or no <c>start</c> and <c>end</c> for a day off.</summary>
public sealed record ShiftChange([property: JsonRequired] DateOnly Date, TimeOnly? Start, TimeOnly? End);

/// <summary>A whole schedule: the weekly pattern and the one-off changes, replaced together.</summary>
public sealed record ScheduleLines([property: JsonRequired] IReadOnlyList<WeeklyShift> Weekly, [property: JsonRequired] IReadOnlyList<ShiftChange> Changes)
{
    public static ScheduleLines Of(IEnumerable<ScheduledShift> lines)
    {
        var all = lines.ToList();
        return new(
            [.. all.Where(l => l is { Weekday: not null, Start: not null, End: not null }).Select(l => new WeeklyShift(l.Weekday!.Value, l.Start!.Value, l.End!.Value))
                .OrderBy(s => ((int)s.Day + 6) % 7)],
            [.. all.Where(l => l.Date is not null).Select(l => new ShiftChange(l.Date!.Value, l.Start, l.End)).OrderBy(c => c.Date)]);
    }

    /// <summary>Why these lines make no schedule (a day or date twice, a shift with no length, a change with only a
    /// start or an end); null when they do.</summary>
    public Refusal? Refusal()
    {
        string? why =
            Weekly.GroupBy(s => s.Day).FirstOrDefault(g => g.Count() > 1) is { } day ? $"{day.Key} has more than one weekly shift: give one per day."
            : Changes.GroupBy(c => c.Date).FirstOrDefault(g => g.Count() > 1) is { } date ? $"{date.Key:yyyy-MM-dd} has more than one change: give one per date."
            : Weekly.FirstOrDefault(s => s.Start == s.End) is { } empty ? $"The {empty.Day} shift starts and ends at {empty.Start:HH:mm}: a shift needs a length."
            : Changes.FirstOrDefault(c => c.Start is null != c.End is null) is { } half ? $"The change on {half.Date:yyyy-MM-dd} needs both a start and an end, or neither for a day off."
            : Changes.FirstOrDefault(c => c.Start is { } s && s == c.End) is { } zero ? $"The change on {zero.Date:yyyy-MM-dd} starts and ends at {zero.Start:HH:mm}: a shift needs a length."
            : null;
        return why is null ? null : new(StatusCodes.Status400BadRequest, "invalid-schedule", why);
    }

    /// <summary>"Mon 09:00–17:00, …; 2026-12-24 off": the schedule in one line, for the audit log.</summary>
    public override string ToString() => string.Join("; ", [
        string.Join(", ", Weekly.Select(s => $"{s.Day.ToString()[..3]} {s.Start:HH:mm}–{s.End:HH:mm}")),
        .. Changes.Select(c => c.Start is { } start ? $"{c.Date:yyyy-MM-dd} {start:HH:mm}–{c.End:HH:mm}" : $"{c.Date:yyyy-MM-dd} off")]);
}

/// <summary>Reads and replaces a person's or a department's schedule (exactly one of the two ids), for the API and the
/// admin page alike; a replacement is audited as <c>schedule.changed</c> with the new schedule in words.</summary>
public static class Schedules
{
    public static async Task<ScheduleLines> ReadAsync(AttendanceDbContext db, Guid? personId, Guid? departmentId, CancellationToken ct) =>
        ScheduleLines.Of(await db.ScheduledShifts.AsNoTracking()
            .Where(s => personId != null ? s.PersonId == personId : s.DepartmentId == departmentId).ToListAsync(ct));

    public static async Task ReplaceAsync(
        AttendanceDbContext db, HttpContext http, TimeProvider time, Guid? personId, Guid? departmentId, string whose, ScheduleLines lines, CancellationToken ct)
    {
        db.ScheduledShifts.RemoveRange(await db.ScheduledShifts.Where(s => personId != null ? s.PersonId == personId : s.DepartmentId == departmentId).ToListAsync(ct));
        db.ScheduledShifts.AddRange(lines.Weekly.Select(s => new ScheduledShift { PersonId = personId, DepartmentId = departmentId, Weekday = s.Day, Start = s.Start, End = s.End }));
        db.ScheduledShifts.AddRange(lines.Changes.Select(c => new ScheduledShift { PersonId = personId, DepartmentId = departmentId, Date = c.Date, Start = c.Start, End = c.End }));
        var detail = $"{whose}: {(lines.Weekly.Count + lines.Changes.Count == 0 ? "no schedule" : lines.ToString())}";
        db.AuditEntries.Add(AuditTrail.Entry(http, time, "schedule.changed", (personId ?? departmentId)!.Value.ToString(), detail));
        await db.SaveChangesAsync(ct);
    }
}
