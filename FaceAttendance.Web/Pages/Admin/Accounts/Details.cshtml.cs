using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Sites;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaceAttendance.Web.Pages.Admin.Accounts;

/// <summary>One account: change its role and a Manager's sites and departments, disable it (after a confirmation) or enable it, and issue a password reset link,
/// shown once in the answer to the POST. Each goes through <see cref="AccountManagementApi"/>, so the page refuses what
/// the API refuses (the last active Owner).</summary>
public sealed class DetailsModel(AttendanceDbContext db, UserManager<Account> users, TimeProvider time) : PageModel
{
    private const string MessageKey = "AccountMessage";

    public Account Account { get; private set; } = null!;

    /// <summary>The reset link just issued: shown this once.</summary>
    public IssuedPasswordReset? Reset { get; private set; }

    /// <summary>The sites and departments it covers, checked among all (they apply while it is a Manager).</summary>
    public SiteChoices Scope { get; private set; } = null!;

    public string ScopeInWords { get; private set; } = "";

    public string? Message => TempData[MessageKey] as string;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await db.Users.FindAsync([id], ct) is not { } account)
        {
            return NotFound();
        }
        Account = account;
        var scope = await ManagerScopeApi.OfAsync(db, id, ct);
        Scope = await SiteChoices.ListAsync(db, scope.SiteIds, scope.DepartmentIds, ct);
        ScopeInWords = await ManagerScopeApi.InWordsAsync(db, scope.SiteIds, scope.DepartmentIds, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostScopeAsync(Guid id, Guid[]? siteIds, Guid[]? departmentIds, CancellationToken ct) =>
        await Outcome(id, (await ManagerScopeApi.Set(id, new ManagerScopeRequest(siteIds, departmentIds), HttpContext, db, time, ct)).Result,
            "Saved the sites and departments.", ct);

    public async Task<IActionResult> OnPostRoleAsync(Guid id, string role, CancellationToken ct) =>
        await Outcome(id, (await AccountManagementApi.ChangeRole(id, new RoleChange(role), users, db, time, ct)).Result, $"The role is now {role}.", ct);

    /// <param name="confirm">the "yes, disable it" checkbox: the account's browsers are signed out at once.</param>
    public async Task<IActionResult> OnPostDisableAsync(Guid id, bool confirm, CancellationToken ct)
    {
        if (!confirm)
        {
            ModelState.AddModelError("confirm", "Tick the box to confirm that the account should be disabled.");
            return await OnGetAsync(id, ct);
        }
        return await Outcome(id, (await AccountManagementApi.Disable(id, users, db, time, ct)).Result,
            "The account is disabled: it cannot sign in, and its browsers were signed out.", ct);
    }

    public async Task<IActionResult> OnPostEnableAsync(Guid id, CancellationToken ct) =>
        await Outcome(id, (await AccountManagementApi.Enable(id, users, db, time, ct)).Result, "The account can sign in again.", ct);

    public async Task<IActionResult> OnPostResetAsync(Guid id, CancellationToken ct)
    {
        var result = (await AccountManagementApi.IssuePasswordReset(id, HttpContext, db, time, ct)).Result;
        if (result is not Created<IssuedPasswordReset> issued)
        {
            return NotFound();
        }
        Reset = issued.Value;
        return await OnGetAsync(id, ct);
    }

    private async Task<IActionResult> Outcome(Guid id, IResult result, string done, CancellationToken ct)
    {
        switch (result)
        {
            case ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound }:
                return NotFound();
            case ProblemHttpResult problem:
                ModelState.AddModelError(string.Empty, problem.ProblemDetails.Detail!);
                return await OnGetAsync(id, ct);
            default:
                TempData[MessageKey] = done;
                return RedirectToPage(new { id });
        }
    }
}
