using FaceAttendance.Web.Sites;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pages.Admin;

/// <summary>Everyone the account may see as the options of a person picker, "Name (employee id)" by name: the log's filter, corrections,
/// unknown faces.</summary>
internal static class PeopleChoices
{
    /// <param name="except">left out (the person an event already names).</param>
    public static async Task<IReadOnlyList<SelectListItem>> ListAsync(AccessScope scope, CancellationToken ct, Guid? except = null)
    {
        var people = scope.People().AsNoTracking();
        if (except is { } id)
        {
            people = people.Where(p => p.Id != id);
        }
        return await people.OrderBy(p => p.Name)
            .Select(p => new SelectListItem($"{p.Name} ({p.EmployeeId})", p.Id.ToString()))
            .ToListAsync(ct);
    }
}
