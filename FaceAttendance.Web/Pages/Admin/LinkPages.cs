using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaceAttendance.Web.Pages.Admin;

/// <summary>The pages a one-time link opens (an invitation, a password reset) answer a link that was used, revoked or
/// has expired with the page itself, saying so, and 404: a person who clicks the link in their mail again reads what to
/// do, not a bare API error.</summary>
internal static class LinkPages
{
    public static PageResult LinkNotValid(this PageModel page)
    {
        page.Response.StatusCode = StatusCodes.Status404NotFound;
        return page.Page();
    }
}
