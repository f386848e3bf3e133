using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Sites;

/// <summary>The sites and departments a Manager covers (<see cref="AccessScope"/>); the whole set each time.</summary>
public sealed record ManagerScopeRequest(Guid[]? SiteIds, Guid[]? DepartmentIds);

public sealed record ManagerScopeResponse(Guid AccountId, Guid[] SiteIds, Guid[] DepartmentIds);

/// <summary><c>PUT /api/accounts/{id}/scope</c>: an Owner says which sites and departments a Manager covers. Only a Manager
/// is given one (another role sees everyone, so a scope would silently do nothing); it stays through a role change and
/// applies again if the account becomes a Manager again.</summary>
internal static class ManagerScopeApi
{
    public static RouteHandlerBuilder MapManagerScopeApi(this IEndpointRouteBuilder routes) =>
        routes.MapPut("/api/accounts/{id:guid}/scope", Set).RequireAuthorization(Policies.CanManageAccounts).WithTags("Accounts")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithDescription("Replaces the sites and departments a Manager covers: they see and change only the people whose home site or " +
                "department is among them, and the events recorded at those sites or of those people.");

    public static async Task<Results<Ok<ManagerScopeResponse>, ProblemHttpResult>> Set(
        Guid id, ManagerScopeRequest body, HttpContext http, AttendanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await db.Users.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct) is not { } account)
        {
            return Problems.NotFound("account-not-found", $"There is no account with id {id}.");
        }
        Guid[] sites = [.. (body.SiteIds ?? []).Distinct()];
        Guid[] departments = [.. (body.DepartmentIds ?? []).Distinct()];
        if (NotAManagerRefusal(account.Role, sites, departments) is { } notAManager)
        {
            return notAManager;
        }
        if (await UnknownPlaceAsync(db, sites, departments, ct) is { } unknown)
        {
            return unknown;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ManagerSites.Where(s => s.AccountId == id).ExecuteDeleteAsync(ct);
        await db.ManagerDepartments.Where(d => d.AccountId == id).ExecuteDeleteAsync(ct);
        await GrantAsync(db, id, sites, departments, ct);
        // written here: the old rows go by ExecuteDelete, which the audit interceptor never sees
        db.AuditEntries.Add(AuditTrail.Entry(http, time, "account.scope-changed", id.ToString(), $"{account.UserName}: {await InWordsAsync(db, sites, departments, ct)}"));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(new ManagerScopeResponse(id, sites, departments));
    }

    /// <summary>A 400 problem when a scope is given to a role it would not limit; null for a Manager or an empty scope.</summary>
    internal static ProblemHttpResult? NotAManagerRefusal(string role, Guid[] sites, Guid[] departments) =>
        role != Roles.Manager && (sites.Length > 0 || departments.Length > 0)
            ? Problems.Of(StatusCodes.Status400BadRequest, "scope-needs-manager",
                $"Only a Manager sees just some sites and departments; a {role} sees everyone. Make the account a Manager to give it sites and departments.")
            : null;

    /// <summary>A 400 problem naming the first site or department id that does not exist; null when all do.</summary>
    internal static async Task<ProblemHttpResult?> UnknownPlaceAsync(AttendanceDbContext db, Guid[] sites, Guid[] departments, CancellationToken ct)
    {
        var knownSites = await db.Sites.Where(s => sites.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
        if (sites.Except(knownSites).Cast<Guid?>().FirstOrDefault() is { } site)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "unknown-site", $"There is no site with id {site}.");
        }
        var knownDepartments = await db.Departments.Where(d => departments.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct);
        return departments.Except(knownDepartments).Cast<Guid?>().FirstOrDefault() is { } department
            ? Problems.Of(StatusCodes.Status400BadRequest, "unknown-department", $"There is no department with id {department}.")
            : null;
    }

    /// <summary>The sites and departments <paramref name="accountId"/> covers (while a Manager).</summary>
    internal static async Task<ManagerScopeResponse> OfAsync(AttendanceDbContext db, Guid accountId, CancellationToken ct) => new(accountId,
        [.. await db.ManagerSites.Where(s => s.AccountId == accountId).Select(s => s.SiteId).ToListAsync(ct)],
        [.. await db.ManagerDepartments.Where(d => d.AccountId == accountId).Select(d => d.DepartmentId).ToListAsync(ct)]);

    /// <summary>"sites Depot, Harbour; departments Drivers", or "no site or department": a scope as people read it.</summary>
    internal static async Task<string> InWordsAsync(AttendanceDbContext db, IReadOnlyCollection<Guid> sites, IReadOnlyCollection<Guid> departments, CancellationToken ct)
    {
        var siteNames = await db.Sites.Where(s => sites.Contains(s.Id)).OrderBy(s => s.Name).Select(s => s.Name).ToListAsync(ct);
        var departmentNames = await db.Departments.Where(d => departments.Contains(d.Id)).OrderBy(d => d.Name).Select(d => d.Name).ToListAsync(ct);
        string[] parts = [.. new[] { ("sites", siteNames), ("departments", departmentNames) }
            .Where(part => part.Item2.Count > 0).Select(part => $"{part.Item1} {string.Join(", ", part.Item2)}")];
        return parts.Length == 0 ? "no site or department" : string.Join("; ", parts);
    }

    /// <summary>Adds the scope rows of <paramref name="accountId"/> for those sites and departments that exist (one deleted
    /// since an invitation named it is left out); saved by the caller.</summary>
    internal static async Task GrantAsync(AttendanceDbContext db, Guid accountId, Guid[] sites, Guid[] departments, CancellationToken ct)
    {
        db.ManagerSites.AddRange((await db.Sites.Where(s => sites.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct))
            .Select(s => new ManagerSite { AccountId = accountId, SiteId = s }));
        db.ManagerDepartments.AddRange((await db.Departments.Where(d => departments.Contains(d.Id)).Select(d => d.Id).ToListAsync(ct))
            .Select(d => new ManagerDepartment { AccountId = accountId, DepartmentId = d }));
    }
}
