using System.Globalization;
using System.Text;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Admin;

public sealed record AuditEntryResponse(long Id, DateTime At, string Actor, string? ActorId, string? Address, string Action, string? Subject, string? Detail);

/// <summary><c>GET /api/audit</c> (newest first, paged) and <c>/api/audit.csv</c>: the append-only log of admin actions,
/// filtered by action or by the account, API key or kiosk that acted (<c>actorId</c>). Reading it is not itself logged;
/// exporting it is.</summary>
internal static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").RequireAuthorization(Policies.CanReadAudit).WithTags("Audit")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("/audit", List);
        group.MapGet("/audit.csv", Export).Produces<string>(contentType: "text/csv");
        return group;
    }

    public static async Task<Ok<Page<AuditEntryResponse>>> List(string? action, string? actorId, int? page, int? pageSize, AttendanceDbContext db, CancellationToken ct) =>
        TypedResults.Ok(await Query(db, action, actorId: actorId).ToPageAsync(page, pageSize, ct));

    public static async Task<FileContentHttpResult> Export(string? action, string? actorId, HttpContext http, AttendanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        var filters = string.Join(", ", new[] { action is null ? null : $"action {action}", actorId is null ? null : $"actor {actorId}" }.OfType<string>());
        db.AuditEntries.Add(AuditTrail.Entry(http, time, "audit.exported", null, filters.Length == 0 ? null : filters));
        await db.SaveChangesAsync(ct);
        return TypedResults.File(Encoding.UTF8.GetBytes(WriteCsv(await Query(db, action, actorId: actorId).ToListAsync(ct))), "text/csv; charset=utf-8", "audit.csv");
    }

    /// <summary>The log as RFC 4180 CSV: this export's, and the part of a person's export that is about them.</summary>
    internal static string WriteCsv(IEnumerable<AuditEntryResponse> entries)
    {
        var csv = new StringBuilder("id,atUtc,actor,actorId,address,action,subject,detail\r\n");
        foreach (var e in entries)
        {
            csv.AppendJoin(',', e.Id.ToString(CultureInfo.InvariantCulture), e.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                Csv.Field(e.Actor), Csv.Field(e.ActorId), Csv.Field(e.Address), Csv.Field(e.Action), Csv.Field(e.Subject), Csv.Field(e.Detail)).Append("\r\n");
        }
        return csv.ToString();
    }

    /// <param name="subjects">Only the entries on these records (a person and their events), when given.</param>
    /// <param name="actorId">Only what this account, API key or kiosk did, when given.</param>
    internal static IQueryable<AuditEntryResponse> Query(AttendanceDbContext db, string? action, IReadOnlyList<string>? subjects = null, string? actorId = null) =>
        db.AuditEntries.AsNoTracking().Where(e => action == null || e.Action == action).Where(e => actorId == null || e.ActorId == actorId)
            .Where(e => subjects == null || (e.Subject != null && subjects.Contains(e.Subject))).OrderByDescending(e => e.Id)
            .Select(e => new AuditEntryResponse(e.Id, e.At, e.Actor, e.ActorId, e.Address, e.Action, e.Subject, e.Detail));
}
