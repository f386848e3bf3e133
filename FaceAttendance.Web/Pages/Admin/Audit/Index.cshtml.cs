using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pages.Admin.Audit;

/// <summary>The newest 100 entries of the audit log (all of them in the CSV export of <see cref="AuditApi"/>).</summary>
public sealed class IndexModel(AttendanceDbContext db) : PageModel
{
    private const int PageSize = 100;

    [BindProperty(SupportsGet = true)]
    public string? Action { get; set; }

    public Page<AuditEntryResponse> Entries { get; private set; } = null!;

    public IReadOnlyList<string> Actions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Action = string.IsNullOrWhiteSpace(Action) ? null : Action;
        Entries = await AuditApi.Query(db, Action).ToPageAsync(1, PageSize, cancellationToken);
        Actions = await db.AuditEntries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
    }
}
