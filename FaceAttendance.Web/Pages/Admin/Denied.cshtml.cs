using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaceAttendance.Web.Pages.Admin;

/// <summary>Where the admin cookie sends a signed-in account that opened a page its role may not (403): a page with a way
/// back, not an error document.</summary>
public sealed class DeniedModel : PageModel
{
    public string Role => User.FindFirstValue(ClaimTypes.Role) ?? "none";

    public IActionResult OnGet()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
