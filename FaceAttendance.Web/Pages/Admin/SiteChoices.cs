using FaceAttendance.Web.Data;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pages.Admin;

/// <summary>Every site and department as the options of a select, by name, the chosen one selected: the people list's,
/// the log's and the timesheets' filters (<c>_SiteFilters</c>) and a person's home site and department; as checkboxes,
/// a Manager's scope (<c>Accounts/_ScopeFields</c>).</summary>
public sealed record SiteChoices(IReadOnlyList<SelectListItem> Sites, IReadOnlyList<SelectListItem> Departments)
{
    public static Task<SiteChoices> ListAsync(AttendanceDbContext db, Guid? siteId, Guid? departmentId, CancellationToken ct) =>
        ListAsync(db, siteId is { } site ? [site] : [], departmentId is { } department ? [department] : [], ct);

    // ids formatted here, not by the database (SQLite keeps them upper-case), so they read as every link writes them
    public static async Task<SiteChoices> ListAsync(AttendanceDbContext db, IReadOnlyCollection<Guid> sites, IReadOnlyCollection<Guid> departments, CancellationToken ct) => new(
        [.. (await db.Sites.AsNoTracking().OrderBy(s => s.Name).ToListAsync(ct)).Select(s => new SelectListItem(s.Name, s.Id.ToString(), sites.Contains(s.Id)))],
        [.. (await db.Departments.AsNoTracking().OrderBy(d => d.Name).ToListAsync(ct)).Select(d => new SelectListItem(d.Name, d.Id.ToString(), departments.Contains(d.Id)))]);
}
