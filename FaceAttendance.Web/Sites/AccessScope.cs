using System.Security.Claims;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Sites;

/// <summary>
/// The people and events the signed-in account may see, and the one place every admin read and write of them starts
/// from. A Manager covers the sites and departments an Owner gave them (<see cref="ManagerSite"/>,
/// <see cref="ManagerDepartment"/>, read from the database at each request): a person whose home site or department is
/// covered, and an event recorded at a covered site or of a covered person. Every other role sees everyone (what it may
/// change is its policy's business). Anything outside answers as if it did not exist (404), so a Manager learns nothing
/// of other sites. Also filters by site and department, the lists' and exports' <c>siteId</c> and <c>departmentId</c>.
/// </summary>
public sealed class AccessScope(AttendanceDbContext db, IHttpContextAccessor http)
{
    /// <summary>The Manager whose scope applies; null for a role that sees everyone. A Manager principal without an
    /// account id (none exists today) covers nothing.</summary>
    private Guid? ManagerId => http.HttpContext?.User is { } user && user.IsInRole(Roles.Manager)
        ? Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty
        : null;

    public IQueryable<Person> People(Guid? siteId = null, Guid? departmentId = null)
    {
        var people = db.People.AsQueryable();
        if (ManagerId is { } manager)
        {
            var sites = db.ManagerSites.Where(s => s.AccountId == manager).Select(s => (Guid?)s.SiteId);
            var departments = db.ManagerDepartments.Where(d => d.AccountId == manager).Select(d => (Guid?)d.DepartmentId);
            people = people.Where(p => sites.Contains(p.HomeSiteId) || departments.Contains(p.DepartmentId));
        }
        if (siteId is { } site)
        {
            people = people.Where(p => p.HomeSiteId == site);
        }
        if (departmentId is { } department)
        {
            people = people.Where(p => p.DepartmentId == department);
        }
        return people;
    }

    /// <summary>The departments whose schedules the account may see and change: a Manager's own, every one for the others.</summary>
    public IQueryable<Department> Departments() => ManagerId is { } manager
        ? db.Departments.Where(d => db.ManagerDepartments.Any(m => m.AccountId == manager && m.DepartmentId == d.Id))
        : db.Departments;

    /// <param name="siteId">where the event was recorded.</param>
    /// <param name="departmentId">the department of the person the event names now.</param>
    public IQueryable<AttendanceEvent> Events(Guid? siteId = null, Guid? departmentId = null)
    {
        var events = db.AttendanceEvents.AsQueryable();
        if (ManagerId is { } manager)
        {
            var sites = db.ManagerSites.Where(s => s.AccountId == manager).Select(s => (Guid?)s.SiteId);
            var people = People().Select(p => (Guid?)p.Id);
            events = events.Where(e => sites.Contains(e.SiteId) || people.Contains(e.PersonId));
        }
        if (siteId is { } site)
        {
            events = events.Where(e => e.SiteId == site);
        }
        if (departmentId is { } department)
        {
            var inDepartment = db.People.Where(p => p.DepartmentId == department).Select(p => (Guid?)p.Id);
            events = events.Where(e => inDepartment.Contains(e.PersonId));
        }
        return events;
    }

    /// <summary>Why a person may not have this home site and department: one that does not exist (400), or, for a
    /// Manager, a place outside their scope (403: a Manager may not create a person outside it nor move one out of it).
    /// Null when they may.</summary>
    public async Task<Refusal?> PlacementRefusalAsync(Guid? homeSiteId, Guid? departmentId, CancellationToken ct)
    {
        if (homeSiteId is { } site && !await db.Sites.AnyAsync(s => s.Id == site, ct))
        {
            return new Refusal(StatusCodes.Status400BadRequest, "unknown-site", $"There is no site with id {site}.");
        }
        if (departmentId is { } department && !await db.Departments.AnyAsync(d => d.Id == department, ct))
        {
            return new Refusal(StatusCodes.Status400BadRequest, "unknown-department", $"There is no department with id {department}.");
        }
        if (ManagerId is not { } manager || await db.ManagerSites.AnyAsync(s => s.AccountId == manager && s.SiteId == homeSiteId, ct)
            || await db.ManagerDepartments.AnyAsync(d => d.AccountId == manager && d.DepartmentId == departmentId, ct))
        {
            return null;
        }
        return new Refusal(StatusCodes.Status403Forbidden, "outside-scope",
            "A manager keeps people within their own sites and departments: choose a home site or department you manage.");
    }
}
