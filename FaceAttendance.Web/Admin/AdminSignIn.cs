using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace FaceAttendance.Web.Admin;

/// <summary>Checks the admin password and issues or removes the admin cookie; used by the login page.</summary>
public sealed class AdminSignIn(AdminCredentials credentials)
{
    public async Task<bool> SignInAsync(HttpContext http, string password, bool remember)
    {
        if (!credentials.IsPassword(password))
        {
            return false;
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin")], AdminAuth.CookieScheme);
        await http.SignInAsync(AdminAuth.CookieScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = remember });
        return true;
    }

    public Task SignOutAsync(HttpContext http) => http.SignOutAsync(AdminAuth.CookieScheme);
}
