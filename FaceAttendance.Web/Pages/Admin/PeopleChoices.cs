using FaceAttendance.Web.Data;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pages.Admin;

/// <summary>Everyone as the options of a person picker, "Name (employee id)" by name: the log's filter, corrections,
/// unknown faces.</summary>
internal static class PeopleChoices
{
    /// <param name="except">left out (the person an event already names).</param>
    public static async Task<IReadOnlyList<SelectListItem>> ListAsync(AttendanceDbContext db, CancellationToken ct, Guid? except = null)
    {
        var people = db.People.AsNoTracking();
        if (except is { } id)
        {
            people = people.Where(p => p.Id != id);
        }
        return await people.OrderBy(p => p.Name)
            .Select(p => new SelectListItem($"{p.Name} ({p.EmployeeId})", p.Id.ToString()))
            .ToListAsync(ct);
    }
}
