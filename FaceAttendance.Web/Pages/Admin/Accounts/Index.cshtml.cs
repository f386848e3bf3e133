using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaceAttendance.Web.Pages.Admin.Accounts;

/// <summary>The Owner's accounts page: every account, the invite form (its link shown once, in the answer to the POST),
/// and the open invitations, each revocable after a confirmation. One account's changes are on its own page.</summary>
public sealed class IndexModel(AttendanceDbContext db, UserManager<Account> users, TimeProvider time) : PageModel
{
    private const string MessageKey = "AccountsMessage";

    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public IReadOnlyList<AccountResponse> Accounts { get; private set; } = [];
    public IReadOnlyList<OpenInvitation> Invitations { get; private set; } = [];

    /// <summary>The invitation just made, with its link: shown this once.</summary>
    public InvitationResponse? Invited { get; private set; }

    public string? Message => TempData[MessageKey] as string;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Accounts = (await AccountsApi.List(db, time, ct)).Value!;
        Invitations = (await AccountManagementApi.OpenInvitations(db, time, ct)).Value!;
    }

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var result = await AccountsApi.Invite(new InvitationRequest(Input.Email, Input.DisplayName, Input.Role), HttpContext, db, users, time, ct);
            if (result.Result is Created<InvitationResponse> created)
            {
                Invited = created.Value;
                Input = new InviteInput();
                ModelState.Clear();
            }
            else if (result.Result is ProblemHttpResult problem)
            {
                ModelState.AddModelError("Input.Email", problem.ProblemDetails.Detail!);
            }
        }
        await OnGetAsync(ct);
        return Page();
    }

    /// <param name="confirm">the "yes, revoke it" checkbox.</param>
    public async Task<IActionResult> OnPostRevokeInvitationAsync(Guid id, bool confirm, CancellationToken ct)
    {
        if (!confirm)
        {
            ModelState.AddModelError("confirm", "Tick the box to confirm that the invitation should be revoked.");
            await OnGetAsync(ct);
            return Page();
        }
        if ((await AccountManagementApi.RevokeInvitation(id, db, time, ct)).Result is ProblemHttpResult)
        {
            return NotFound();
        }
        TempData[MessageKey] = "The invitation was revoked: its link works no more.";
        return RedirectToPage();
    }

    public sealed class InviteInput
    {
        [Required(ErrorMessage = "Enter the email of the person to invite."), EmailAddress, StringLength(256)]
        public string Email { get; set; } = "";

        [Required(ErrorMessage = "Enter the name the app shows for them."), StringLength(200), PlainText]
        [RegularExpression(PeopleApi.NotBlank, ErrorMessage = PeopleApi.BlankMessage)]
        [Display(Name = "Display name")]
        public string DisplayName { get; set; } = "";

        [Required]
        public string Role { get; set; } = Roles.Viewer;
    }
}
