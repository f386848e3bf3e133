using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Approvals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaceAttendance.Web.Pages.Admin.Timesheets;

/// <summary>A pay period's approval state per person, with Approve (one person, or everyone shown) and, for Owners and
/// Admins, Reopen; the same <see cref="PeriodApprovals"/> as the API.</summary>
public sealed class ApprovalsModel(PeriodApprovals approvals, IAuthorizationService authorization) : PageModel
{
    /// <summary>Any local day of the period shown; today when left out.</summary>
    [BindProperty(SupportsGet = true)]
    public DateOnly? Day { get; set; }

    public PeriodApprovalsResponse Period { get; private set; } = new(default, default, "", []);
    public bool CanApprove { get; private set; }
    public bool CanReopen { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    /// <param name="personId">one person; null approves everyone shown who is still open.</param>
    public async Task<IActionResult> OnPostApproveAsync(Guid? personId, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.CanApproveHours)).Succeeded)
        {
            return Forbid();
        }
        return await RespondAsync(await approvals.ApproveAsync(Day, personId, cancellationToken), cancellationToken);
    }

    public async Task<IActionResult> OnPostReopenAsync(Guid personId, string? reason, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.CanOverseeHours)).Succeeded)
        {
            return Forbid();
        }
        return await RespondAsync(await approvals.ReopenAsync(Day, personId, reason, cancellationToken), cancellationToken);
    }

    private async Task<IActionResult> RespondAsync(Http.Refusal? refusal, CancellationToken ct)
    {
        if (refusal is null)
        {
            return RedirectToPage(new { day = Day?.ToString("yyyy-MM-dd") });
        }
        ModelState.AddModelError(string.Empty, refusal.Detail);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Period = await approvals.ListAsync(Day, ct);
        CanApprove = (await authorization.AuthorizeAsync(User, Policies.CanApproveHours)).Succeeded;
        CanReopen = (await authorization.AuthorizeAsync(User, Policies.CanOverseeHours)).Succeeded;
    }
}
