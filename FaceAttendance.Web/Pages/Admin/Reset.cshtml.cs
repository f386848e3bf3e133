using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaceAttendance.Web.Pages.Admin;

/// <summary>Where an Owner's password reset link leads (anonymous: its token is the credential): the account chooses a new
/// password, and the link then works no more.</summary>
public sealed class ResetModel(AttendanceDbContext db, UserManager<Account> users, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    /// <summary>The same two fields as the invitation's.</summary>
    [BindProperty]
    public InvitationModel.InvitationInput Input { get; set; } = new();

    public Account? Account { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Account = await PasswordResets.OpenAsync(Token, db, time, ct);
        return Account is null ? this.LinkNotValid() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (ModelState.IsValid && Token is not null)
        {
            var (open, errors) = await PasswordResets.UseAsync(HttpContext, Token, Input.Password, db, users, time, ct);
            if (open && !errors.Any())
            {
                return LocalRedirect("/admin/login");
            }
            foreach (var error in errors)
            {
                ModelState.AddModelError("Input.Password", error.Description);
            }
        }
        return await OnGetAsync(ct);
    }
}
