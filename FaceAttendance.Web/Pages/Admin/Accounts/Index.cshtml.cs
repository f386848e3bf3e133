using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Sites;
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

    /// <summary>Each Manager's sites and departments in words, by account id.</summary>
    public IReadOnlyDictionary<Guid, string> ManagerScopes { get; private set; } = new Dictionary<Guid, string>();

    /// <summary>The invite form's sites and departments, for a Manager.</summary>
    public SiteChoices InviteScope { get; private set; } = null!;

    public string? Message => TempData[MessageKey] as string;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync([], [], ct);

    /// <param name="siteIds">with <paramref name="departmentIds"/>, the Manager's scope (ignored for another role).</param>
    public async Task<IActionResult> OnPostInviteAsync(Guid[]? siteIds, Guid[]? departmentIds, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var manager = Input.Role == Roles.Manager;
            var request = new InvitationRequest(Input.Email, Input.DisplayName, Input.Role, manager ? siteIds : null, manager ? departmentIds : null);
            var result = await AccountsApi.Invite(request, HttpContext, db, users, time, ct);
            if (result.Result is Created<InvitationResponse> created)
            {
                Invited = created.Value;
                Input = new InviteInput();
                ModelState.Clear();
                (siteIds, departmentIds) = (null, null);
            }
            else if (result.Result is ProblemHttpResult problem)
            {
                ModelState.AddModelError("Input.Email", problem.ProblemDetails.Detail!);
            }
        }
        await LoadAsync(siteIds ?? [], departmentIds ?? [], ct);
        return Page();
    }

    private async Task LoadAsync(Guid[] inviteSites, Guid[] inviteDepartments, CancellationToken ct)
    {
        Accounts = (await AccountsApi.List(db, time, ct)).Value!;
        Invitations = (await AccountManagementApi.OpenInvitations(db, time, ct)).Value!;
        var scopes = new Dictionary<Guid, string>();
        foreach (var manager in Accounts.Where(a => a.Role == Roles.Manager))
        {
            var scope = await ManagerScopeApi.OfAsync(db, manager.Id, ct);
            scopes[manager.Id] = await ManagerScopeApi.InWordsAsync(db, scope.SiteIds, scope.DepartmentIds, ct);
        }
        ManagerScopes = scopes;
        InviteScope = await SiteChoices.ListAsync(db, inviteSites, inviteDepartments, ct);
    }

    /// <param name="confirm">the "yes, revoke it" checkbox.</param>
    public async Task<IActionResult> OnPostRevokeInvitationAsync(Guid id, bool confirm, CancellationToken ct)
    {
        if (!confirm)
        {
            ModelState.AddModelError("confirm", "Tick the box to confirm that the invitation should be revoked.");
            await LoadAsync([], [], ct);
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
