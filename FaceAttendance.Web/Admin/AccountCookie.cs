using System.Security.Claims;
using FaceAttendance.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Admin;

/// <summary>Keeps the admin cookie true to its account: at every request the cookie's security stamp is compared with the
/// account's, which changes with its role, its password or its second factor and when it is disabled. So a demotion, a
/// disabling or a reset takes effect at that browser's next request (one primary-key read per request with the cookie,
/// cheap beside what an admin page reads anyway); the browser then signs in again, with its new role.</summary>
internal static class AccountCookie
{
    public const string StampClaim = "FaceAttendance.SecurityStamp";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        if (!await IsCurrentAsync(context.Principal, context.HttpContext))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AdminAuth.CookieScheme);
        }
    }

    // a cookie issued before roles or stamps existed holds neither: it signs in again rather than be refused everywhere
    private static async Task<bool> IsCurrentAsync(ClaimsPrincipal? principal, HttpContext http)
    {
        if (principal?.FindFirstValue(StampClaim) is not { Length: > 0 } stamp || !principal.HasClaim(c => c.Type == ClaimTypes.Role)
            || !Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id))
        {
            return false;
        }
        var db = http.RequestServices.GetRequiredService<AttendanceDbContext>();
        return await db.Users.AsNoTracking().AnyAsync(a => a.Id == id && a.SecurityStamp == stamp && a.DisabledAt == null, http.RequestAborted);
    }
}
