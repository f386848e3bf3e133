using FaceAttendance.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaceAttendance.Web.Pages.Admin;

/// <summary>POST-only, so a link or an image elsewhere cannot sign the admin out.</summary>
public sealed class LogoutModel(AdminSignIn signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync(HttpContext);
        return RedirectToPage("/Admin/Login");
    }
}
