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

    /// <summary>The account, API key or kiosk whose actions are shown; all when null.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ActorId { get; set; }

    public Page<AuditEntryResponse> Entries { get; private set; } = null!;

    public IReadOnlyList<string> Actions { get; private set; } = [];

    /// <summary>Everyone with an id who acted: accounts, API keys and kiosks.</summary>
    public IReadOnlyList<AuditActor> Actors { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Action = string.IsNullOrWhiteSpace(Action) ? null : Action;
        ActorId = string.IsNullOrWhiteSpace(ActorId) ? null : ActorId;
        Entries = await AuditApi.Query(db, Action, actorId: ActorId).ToPageAsync(1, PageSize, cancellationToken);
        Actions = await db.AuditEntries.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        var actors = await db.AuditEntries.Where(e => e.ActorId != null).Select(e => new { e.ActorId, e.Actor }).Distinct().ToListAsync(cancellationToken);
        // a renamed kiosk or key acted under two names: one entry per id
        Actors = [.. actors.GroupBy(a => a.ActorId).Select(g => new AuditActor(g.First().Actor, g.Key)).OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)];
    }
}
