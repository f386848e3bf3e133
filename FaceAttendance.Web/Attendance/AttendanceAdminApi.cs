using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Kiosks;
using FaceAttendance.Web.Sites;
using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Attendance;

public sealed record AttendanceEventResponse(
    Guid Id, Guid? PersonId, string EmployeeId, string Name, AttendanceKind Kind, DateTime RecordedAt, float Similarity, float? Liveness,
    string? SnapshotKey, bool Voided, IReadOnlyList<CorrectionResponse> Corrections, bool RecordedOffline, Guid? KioskId, string? KioskName,
    Guid? SiteId, string? SiteName, AttendanceMethod Method, PinFaceCheck? PinFaceCheck)
{
    public static AttendanceEventResponse From(AttendanceEvent e, KioskNames kiosks) => new(e.Id, e.PersonId, e.EmployeeId, e.PersonName, e.Kind,
        e.RecordedAt, e.Similarity, e.Liveness, e.SnapshotKey, e.Voided, [.. e.Corrections.OrderBy(c => c.At).Select(CorrectionResponse.From)],
        e.RecordedOffline, e.KioskId, kiosks.Of(e), e.SiteId, kiosks.SiteOf(e), e.Method, e.PinFaceCheck);

    /// <summary>One event, with its kiosk's name looked up.</summary>
    public static async Task<AttendanceEventResponse> OfAsync(AttendanceEvent e, AttendanceDbContext db, CancellationToken ct) =>
        From(e, await KioskNames.OfAsync(db, [e], ct));
}

public sealed record CorrectionResponse(CorrectionAction Action, DateTime At, string Actor, string Reason, Guid? FromPersonId, string? FromName, string? FromEmployeeId)
{
    public static CorrectionResponse From(AttendanceCorrection c) => new(c.Action, c.At, c.Actor, c.Reason, c.FromPersonId, c.FromName, c.FromEmployeeId);
}

/// <summary>The attendance log for administrators: a filtered, paged list, a CSV export and daily timesheets.
/// <c>from</c> and <c>to</c> are local dates, both inclusive; <c>offline</c> true lists only the events kiosks recorded
/// offline, false only the others; <c>siteId</c> the events recorded at one site, <c>departmentId</c> those of the people of
/// one department. A Manager sees only their scope (<see cref="AccessScope"/>).</summary>
internal static class AttendanceAdminApi
{
    public static RouteGroupBuilder MapAttendanceAdminApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").RequireAuthorization(Policies.CanReadTimesheets).WithTags("Attendance")
            .ProducesProblem(StatusCodes.Status401Unauthorized).RefusingDatesOutOfRange();
        group.MapGet("/attendance", List)
            .WithDescription("Events newest first; offline=true lists only the scans kiosks recorded offline, offline=false only the live ones; method=Pin only the PIN punches to review " +
                "(pinFaceCheck says whether the snapshot showed the person). Each names its kiosk (none when added by hand).");
        group.MapGet("/attendance.csv", Csv).Produces<string>(contentType: "text/csv")
            .WithDescription("The events as CSV, oldest first, with the same offline filter; each row names its kiosk and whether it was recorded offline.");
        group.MapGet("/timesheets", ListTimesheets)
            .WithDescription("Per person-day: first in, last out, breaks, worked, regular and overtime hours, flags, and the events and rules that made them.");
        group.MapGet("/timesheets.{format:regex(^(csv|xlsx)$)}", ExportTimesheets)
            .WithDescription("The timesheet for payroll: csv (one row per person-day) or xlsx (that, and a summary sheet per person); columns in docs/timeclock.md.");
        // face photos are not payroll's: both policies apply
        group.MapGet("/unknown-scans/snapshot", UnknownSnapshot).RequireAuthorization(Policies.CanRead)
            .WithDescription("The kept snapshot of a face nobody matched (Kiosk:KeepUnknownSnapshots), by its key.");
        group.MapGet("/attendance/{eventId:guid}/snapshot", Snapshot).RequireAuthorization(Policies.CanRead)
            .WithDescription("The kiosk snapshot an event was recorded from, until snapshot retention deletes it (then 404 snapshot-deleted).");
        return group;
    }

    public static async Task<Ok<Page<AttendanceEventResponse>>> List(
        DateOnly? from, DateOnly? to, Guid? personId, bool? offline, Guid? siteId, Guid? departmentId, AttendanceMethod? method, int? page, int? pageSize,
        AttendanceDbContext db, AccessScope scope, AttendanceCalendar calendar, CancellationToken ct)
    {
        var events = await scope.Events(siteId, departmentId).AsNoTracking().Include(e => e.Corrections).Filter(calendar, from, to, personId, offline, method)
            .OrderByDescending(e => e.RecordedAt).ToPageAsync(page, pageSize, ct);
        var kiosks = await KioskNames.OfAsync(db, events.Items, ct);
        return TypedResults.Ok(new Page<AttendanceEventResponse>([.. events.Items.Select(e => AttendanceEventResponse.From(e, kiosks))],
            events.PageNumber, events.PageSize, events.Total));
    }

    public static async Task<FileContentHttpResult> Csv(
        DateOnly? from, DateOnly? to, bool? offline, Guid? siteId, Guid? departmentId, HttpContext http, AttendanceDbContext db, AccessScope scope,
        AttendanceCalendar calendar, TimeProvider time, CancellationToken ct)
    {
        var which = offline switch { true => ", recorded offline only", false => ", recorded live only", null => "" }
            + (siteId is { } site ? $", site {site}" : "") + (departmentId is { } department ? $", department {department}" : "");
        db.AuditEntries.Add(AuditTrail.Entry(http, time, "attendance.exported", null,
            $"from {from?.ToString() ?? "the start"} to {to?.ToString() ?? "today"}{which}"));
        await db.SaveChangesAsync(ct);
        var events = await scope.Events(siteId, departmentId).Include(e => e.Corrections).Filter(calendar, from, to, offline: offline)
            .OrderBy(e => e.RecordedAt).ToListAsync(ct);
        var csv = System.Text.Encoding.UTF8.GetBytes(AttendanceCsv.Write(events, calendar, await KioskNames.OfAsync(db, events, ct)));
        return TypedResults.File(csv, "text/csv; charset=utf-8", "attendance.csv");
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Snapshot(
        Guid eventId, AccessScope scope, KeptSnapshots snapshots, SnapshotRetentionOptions retention, CancellationToken ct)
    {
        var recorded = await scope.Events().Where(e => e.Id == eventId).Select(e => new { e.SnapshotKey }).SingleOrDefaultAsync(ct);
        if (recorded is null)
        {
            return Problems.NotFound("event-not-found", $"There is no attendance event {eventId}.");
        }
        return recorded.SnapshotKey is { } key && await snapshots.ReadAsync(key, ct) is { } content
            ? TypedResults.File(content, ObjectKeys.ContentTypeOf(key))
            : Problems.NotFound("snapshot-deleted", $"The snapshot of this event was deleted after {retention.SnapshotRetentionDays} days.");
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> UnknownSnapshot(
        string key, AttendanceDbContext db, KeptSnapshots snapshots, CancellationToken ct)
    {
        var kept = await db.ScanDecisions.AnyAsync(d => d.SnapshotKey == key && d.Result == ScanResults.Unknown && d.KeepsSnapshot, ct);
        return kept && await snapshots.ReadAsync(key, ct) is { } content
            ? TypedResults.File(content, ObjectKeys.ContentTypeOf(key))
            : Problems.NotFound("snapshot-not-kept", "No photo of an unknown face is kept under this key.");
    }

    /// <summary>Defaults to the last seven local days, today included.</summary>
    public static async Task<Results<Ok<IReadOnlyList<TimesheetDay>>, ProblemHttpResult>> ListTimesheets(
        DateOnly? from, DateOnly? to, Guid? siteId, Guid? departmentId, Timesheets timesheets, AttendanceCalendar calendar, TimeProvider time, CancellationToken ct)
    {
        var (first, last) = Period(from, to, calendar, time);
        if (Timesheets.PeriodRefusal(first, last) is { } refusal)
        {
            return refusal.ToProblem();
        }
        return TypedResults.Ok(await timesheets.ListAsync(first, last, siteId, departmentId, ct));
    }

    /// <summary>The timesheet as CSV (one row per person-day) or XLSX (that and a summary per person), audited as an export.</summary>
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ExportTimesheets(
        string format, DateOnly? from, DateOnly? to, Guid? siteId, Guid? departmentId, HttpContext http, AttendanceDbContext db, Timesheets timesheets,
        AttendanceCalendar calendar, TimeProvider time, CancellationToken ct)
    {
        var (first, last) = Period(from, to, calendar, time);
        if (Timesheets.PeriodRefusal(first, last) is { } refusal)
        {
            return refusal.ToProblem();
        }
        db.AuditEntries.Add(AuditTrail.Entry(http, time, "timesheets.exported", null, $"{format} from {first:yyyy-MM-dd} to {last:yyyy-MM-dd}"
            + (siteId is { } site ? $", site {site}" : "") + (departmentId is { } department ? $", department {department}" : "")));
        await db.SaveChangesAsync(ct);
        var days = await timesheets.ListAsync(first, last, siteId, departmentId, ct);
        var name = $"timesheets-{first:yyyy-MM-dd}-{last:yyyy-MM-dd}";
        return format == "xlsx"
            ? TypedResults.File(TimesheetExport.Xlsx(days), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{name}.xlsx")
            : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(TimesheetExport.Csv(days)), "text/csv; charset=utf-8", $"{name}.csv");
    }

    private static (DateOnly From, DateOnly To) Period(DateOnly? from, DateOnly? to, AttendanceCalendar calendar, TimeProvider time)
    {
        var last = to ?? calendar.DayOf(time.GetUtcNow().UtcDateTime);
        return (from ?? Timesheets.Padded(last, -6), last);
    }
}
