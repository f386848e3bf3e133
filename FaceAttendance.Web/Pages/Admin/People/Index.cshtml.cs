using FaceAttendance.Web.Data;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Sites;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pages.Admin.People;

/// <summary>Everyone who can be recognised (a Manager: everyone in their scope), searchable by name, employee id or e-mail,
/// of one home site or department.</summary>
public sealed class IndexModel(AttendanceDbContext db, AccessScope scope) : PageModel
{
    private const int PageSize = 25;

    [BindProperty(SupportsGet = true)]
    public string? Search { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? SiteId { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid? DepartmentId { get; set; }

    public SiteChoices Filters { get; private set; } = new([], []);

    [BindProperty(SupportsGet = true)]
    public int PageNumber { get; set; } = 1;

    /// <summary>Set by the person page after erasing someone.</summary>
    [TempData]
    public string? PeopleMessage { get; set; }

    public IReadOnlyList<Row> People { get; private set; } = [];
    public bool HasNextPage { get; private set; }

    public sealed record Row(Guid Id, string EmployeeId, string Name, string? Email, int Faces);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        Filters = await SiteChoices.ListAsync(db, SiteId, DepartmentId, cancellationToken);
        var query = scope.People(SiteId, DepartmentId).AsNoTracking().Matching(Search);
        // one row more than a page tells whether there is a next page without counting everything
        var rows = await query.OrderBy(p => p.Name).ThenBy(p => p.EmployeeId)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize + 1)
            .Select(p => new Row(p.Id, p.EmployeeId, p.Name, p.Email, p.Faces.Count))
            .ToListAsync(cancellationToken);
        HasNextPage = rows.Count > PageSize;
        People = rows.Take(PageSize).ToList();
    }
}
