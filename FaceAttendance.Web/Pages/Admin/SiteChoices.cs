using FaceAttendance.Web.Data;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pages.Admin;

/// <summary>Every site and department as the options of a select, by name, the chosen one selected: the people list's,
/// the log's and the timesheets' filters (<c>_SiteFilters</c>) and a person's home site and department.</summary>
public sealed record SiteChoices(IReadOnlyList<SelectListItem> Sites, IReadOnlyList<SelectListItem> Departments)
{
    public static async Task<SiteChoices> ListAsync(AttendanceDbContext db, Guid? siteId, Guid? departmentId, CancellationToken ct) => new(
        await db.Sites.AsNoTracking().OrderBy(s => s.Name).Select(s => new SelectListItem(s.Name, s.Id.ToString(), s.Id == siteId)).ToListAsync(ct),
        await db.Departments.AsNoTracking().OrderBy(d => d.Name).Select(d => new SelectListItem(d.Name, d.Id.ToString(), d.Id == departmentId)).ToListAsync(ct));
}
