using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Hours;

/// <summary>Pay rules for the organisation (no <c>siteId</c> nor <c>departmentId</c>), a site or a department; durations
/// in minutes (<see cref="PayRules"/> says what each does).</summary>
public sealed record PayRulesRequest(
    Guid? SiteId, Guid? DepartmentId,
    [property: AllowedValues(0, 5, 10, 15, ErrorMessage = "roundToMinutes must be 0 (no rounding), 5, 10 or 15.")] int RoundToMinutes,
    RoundingMode Rounding, BreakMode Breaks,
    [property: Range(0, 1440)] int DeductBreakAfterMinutes, [property: Range(0, 240)] int DeductedBreakMinutes,
    [property: Range(1, 1440)] int? DailyOvertimeAfterMinutes, [property: Range(1, 10080)] int? WeeklyOvertimeAfterMinutes,
    [property: Range(60, 2880)] int AutoCloseAfterMinutes);

public sealed record PayRulesResponse(
    string Scope, Guid? SiteId, Guid? DepartmentId, int RoundToMinutes, RoundingMode Rounding, BreakMode Breaks, int DeductBreakAfterMinutes,
    int DeductedBreakMinutes, int? DailyOvertimeAfterMinutes, int? WeeklyOvertimeAfterMinutes, int AutoCloseAfterMinutes, DateTime UpdatedAt)
{
    public static PayRulesResponse From(PayRuleSet r) => new(r.Scope, r.SiteId, r.DepartmentId, r.RoundToMinutes, r.Rounding, r.Breaks,
        r.DeductBreakAfterMinutes, r.DeductedBreakMinutes, r.DailyOvertimeAfterMinutes, r.WeeklyOvertimeAfterMinutes, r.AutoCloseAfterMinutes, r.UpdatedAt);
}

/// <summary><c>/api/pay-rules</c>: every account reads them; Owners and Admins set and remove them. A person's hours
/// follow their department's rules, else their home site's, else the organisation's, else the built-in default.</summary>
internal static class PayRulesApi
{
    public static RouteGroupBuilder MapPayRulesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/pay-rules").RequireAuthorization(Policies.CanReadTimesheets).WithTags("Hours")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("", List);
        group.MapPut("", Set).RequireAuthorization(Policies.CanEditSites)
            .WithDescription("Sets the rules of the organisation (no siteId nor departmentId), a site or a department.");
        group.MapDelete("", Remove).RequireAuthorization(Policies.CanEditSites)
            .WithDescription("Removes a scope's rules: its people follow the next ones (site, organisation, built-in default).");
        return group;
    }

    public static async Task<Ok<PayRulesResponse[]>> List(AttendanceDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.PayRuleSets.AsNoTracking().OrderBy(r => r.Scope).ToListAsync(ct)).Select(PayRulesResponse.From).ToArray());

    public static async Task<Results<Ok<PayRulesResponse>, ProblemHttpResult>> Set(PayRulesRequest body, AttendanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await ScopeRefusalAsync(db, body.SiteId, body.DepartmentId, ct) is { } refusal)
        {
            return refusal.ToProblem();
        }
        var scope = PayRuleSet.ScopeOf(body.SiteId, body.DepartmentId);
        var rules = await db.PayRuleSets.FindAsync([scope], ct) ?? db.PayRuleSets.Add(new PayRuleSet { Scope = scope }).Entity;
        (rules.SiteId, rules.DepartmentId, rules.RoundToMinutes, rules.Rounding, rules.Breaks) = (body.SiteId, body.DepartmentId, body.RoundToMinutes, body.Rounding, body.Breaks);
        (rules.DeductBreakAfterMinutes, rules.DeductedBreakMinutes) = (body.DeductBreakAfterMinutes, body.DeductedBreakMinutes);
        (rules.DailyOvertimeAfterMinutes, rules.WeeklyOvertimeAfterMinutes) = (body.DailyOvertimeAfterMinutes, body.WeeklyOvertimeAfterMinutes);
        (rules.AutoCloseAfterMinutes, rules.UpdatedAt) = (body.AutoCloseAfterMinutes, time.GetUtcNow().UtcDateTime);
        // two admins setting one scope's first rules at once: the key refuses the second, which then updates
        if (!await db.SaveUnlessDuplicateAsync(ct))
        {
            return await Set(body, db, time, ct);
        }
        return TypedResults.Ok(PayRulesResponse.From(rules));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Remove(Guid? siteId, Guid? departmentId, AttendanceDbContext db, CancellationToken ct)
    {
        if (await ScopeRefusalAsync(db, siteId, departmentId, ct) is { } refusal)
        {
            return refusal.ToProblem();
        }
        if (await db.PayRuleSets.FindAsync([PayRuleSet.ScopeOf(siteId, departmentId)], ct) is not { } rules)
        {
            return Problems.NotFound("pay-rules-not-found", "There are no pay rules of their own for this scope.");
        }
        db.PayRuleSets.Remove(rules);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Refusal?> ScopeRefusalAsync(AttendanceDbContext db, Guid? siteId, Guid? departmentId, CancellationToken ct) =>
        (siteId, departmentId) switch
        {
            ({ }, { }) => new(StatusCodes.Status400BadRequest, "one-scope", "Rules are the organisation's, a site's or a department's: give siteId or departmentId, not both."),
            ({ } site, null) when !await db.Sites.AnyAsync(s => s.Id == site, ct) => new(StatusCodes.Status400BadRequest, "unknown-site", $"There is no site with id {site}."),
            (null, { } department) when !await db.Departments.AnyAsync(d => d.Id == department, ct) =>
                new(StatusCodes.Status400BadRequest, "unknown-department", $"There is no department with id {department}."),
            _ => null,
        };
}
