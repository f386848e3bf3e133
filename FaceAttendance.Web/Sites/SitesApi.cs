using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Kiosks;
using FaceAttendance.Web.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Sites;

/// <summary><see cref="TimeZone"/>: an IANA id; the app's own (FaceAttendance:TimeZone) when left out.
/// <see cref="PunchMode"/> and <see cref="MinimumGapMinutes"/>: what its kiosks record; left out, unchanged (a new site:
/// automatic, 30 minutes).</summary>
public sealed record SiteRequest(
    [Required, StringLength(100), PlainText, RegularExpression(PeopleApi.NotBlank, ErrorMessage = PeopleApi.BlankMessage)] string Name,
    [StringLength(64)] string? TimeZone,
    PunchMode? PunchMode = null,
    [Range(0, SiteRequest.MaxGapMinutes, ErrorMessage = "The minimum gap is between 0 and 720 minutes (12 hours).")] int? MinimumGapMinutes = null)
{
    public const int MaxGapMinutes = 720;
}

public sealed record SiteResponse(Guid Id, string Name, string TimeZone, DateTime CreatedAt, PunchMode PunchMode, int MinimumGapMinutes)
{
    public static SiteResponse From(Site s) => new(s.Id, s.Name, s.TimeZone, s.CreatedAt, s.PunchMode, (int)s.MinimumGap.TotalMinutes);
}

/// <summary><c>/api/sites</c>: every account lists them (the filters' choices); Owners and Admins add, rename and delete
/// one that nothing names.</summary>
internal static class SitesApi
{
    public static RouteGroupBuilder MapSitesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/sites").RequireAuthorization(Policies.CanReadTimesheets).WithTags("Sites")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("", List);
        group.MapPost("", Add).RequireAuthorization(Policies.CanEditSites);
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.CanEditSites).WithDescription("Renames a site, changes its time zone, or what its kiosks record (punchMode automatic or buttons, " +
            "minimumGapMinutes); its kiosks show the new name.");
        group.MapDelete("/{id:guid}", Delete).RequireAuthorization(Policies.CanEditSites)
            .WithDescription("Deletes a site no person, kiosk, event or manager names (409 site-in-use otherwise).");
        return group;
    }

    public static async Task<Ok<SiteResponse[]>> List(AttendanceDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Sites.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct)).Select(SiteResponse.From).ToArray());

    public static async Task<Results<Created<SiteResponse>, ProblemHttpResult>> Add(
        SiteRequest body, AttendanceDbContext db, AttendanceCalendar calendar, TimeProvider time, CancellationToken ct)
    {
        if (body.TimeZone is { } zone && KioskPairing.TimeZoneRefusal(zone) is { } refusal)
        {
            return refusal.ToProblem();
        }
        var site = new Site { Name = body.Name.Trim(), TimeZone = body.TimeZone ?? calendar.TimeZone.Id, CreatedAt = time.GetUtcNow().UtcDateTime };
        SetPunching(site, body);
        db.Sites.Add(site);
        return await db.SaveUnlessDuplicateAsync(ct) ? TypedResults.Created($"/api/sites/{site.Id}", SiteResponse.From(site)) : NameTaken(site.Name);
    }

    public static async Task<Results<Ok<SiteResponse>, ProblemHttpResult>> Update(Guid id, SiteRequest body, AttendanceDbContext db, CancellationToken ct)
    {
        if (await db.Sites.FindAsync([id], ct) is not { } site)
        {
            return SiteNotFound(id);
        }
        if (body.TimeZone is { } zone && KioskPairing.TimeZoneRefusal(zone) is { } refusal)
        {
            return refusal.ToProblem();
        }
        (site.Name, site.TimeZone) = (body.Name.Trim(), body.TimeZone ?? site.TimeZone);
        SetPunching(site, body);
        foreach (var kiosk in await db.Kiosks.Where(k => k.SiteId == id).ToListAsync(ct))
        {
            kiosk.Site = site.Name;
        }
        return await db.SaveUnlessDuplicateAsync(ct) ? TypedResults.Ok(SiteResponse.From(site)) : NameTaken(site.Name);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, AttendanceDbContext db, CancellationToken ct)
    {
        if (await db.Sites.FindAsync([id], ct) is not { } site)
        {
            return SiteNotFound(id);
        }
        if (await db.People.AnyAsync(p => p.HomeSiteId == id, ct) || await db.Kiosks.AnyAsync(k => k.SiteId == id, ct)
            || await db.AttendanceEvents.AnyAsync(e => e.SiteId == id, ct) || await db.ManagerSites.AnyAsync(s => s.SiteId == id, ct))
        {
            return Problems.Of(StatusCodes.Status409Conflict, "site-in-use",
                $"{site.Name} is the home site of people, the site of kiosks or events, or a manager's: only a site nothing names can be deleted.");
        }
        db.Sites.Remove(site);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static void SetPunching(Site site, SiteRequest body)
    {
        site.PunchMode = body.PunchMode ?? site.PunchMode;
        site.MinimumGap = body.MinimumGapMinutes is { } minutes ? TimeSpan.FromMinutes(minutes) : site.MinimumGap;
    }

    internal static ProblemHttpResult SiteNotFound(Guid id) => Problems.NotFound("site-not-found", $"There is no site with id {id}.");

    private static ProblemHttpResult NameTaken(string name) =>
        Problems.Of(StatusCodes.Status409Conflict, "site-name-taken", $"There is a site called '{name}' already.");
}
