using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaceAttendance.Web.Pages.Admin;

/// <summary>Where an invitation link leads (anonymous: its token is the credential): the invited person chooses a
/// password, and the link then works no more.</summary>
public sealed class InvitationModel(AttendanceDbContext db, UserManager<Account> users, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public InvitationInput Input { get; set; } = new();

    public Invitation? Invitation { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Invitation = await AccountsApi.OpenInvitationAsync(Token, db, time, ct);
        return Invitation is null ? this.LinkNotValid() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid || Token is null)
        {
            Invitation = await AccountsApi.OpenInvitationAsync(Token, db, time, ct);
            return Invitation is null ? this.LinkNotValid() : Page();
        }
        var (account, errors) = await AccountsApi.AcceptAsync(HttpContext, Token, Input.Password, db, users, time, ct);
        if (account is not null)
        {
            return LocalRedirect("/admin/login");
        }
        Invitation = await AccountsApi.OpenInvitationAsync(Token, db, time, ct);
        if (Invitation is null)
        {
            return this.LinkNotValid();
        }
        foreach (var error in errors ?? [])
        {
            ModelState.AddModelError("Input.Password", error.Description);
        }
        return Page();
    }

    public sealed class InvitationInput
    {
        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(200, MinimumLength = 12, ErrorMessage = "The password must have at least 12 characters.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [Compare(nameof(Password), ErrorMessage = "The two passwords differ.")]
        [DataType(DataType.Password)]
        [Display(Name = "Password again")]
        public string Confirm { get; set; } = "";
    }
}
