using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace FaceAttendance.Web.Admin;

/// <summary>The outcome of a login: signed in, wrong password, or refused unchecked until <see cref="RetryAfter"/> has passed.</summary>
public sealed record SignInResult(bool SignedIn, TimeSpan RetryAfter);

/// <summary>Checks the admin password (through <see cref="LoginThrottle"/>) and issues or removes the admin cookie; used by the login page.</summary>
public sealed class AdminSignIn(AdminCredentials credentials, LoginThrottle throttle, TimeProvider time)
{
    public async Task<SignInResult> SignInAsync(HttpContext http, string password, bool remember)
    {
        var address = http.Connection.RemoteIpAddress;
        if (throttle.WaitFor(address) is { Ticks: > 0 } wait)
        {
            return new SignInResult(false, wait);
        }
        await Task.Delay(throttle.AccountDelay(), time, http.RequestAborted);
        if (!credentials.IsPassword(password))
        {
            throttle.Failed(address);
            return new SignInResult(false, TimeSpan.Zero);
        }
        throttle.Succeeded(address);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "admin"), new Claim(ClaimTypes.Role, Roles.Owner)], AdminAuth.CookieScheme);
        await http.SignInAsync(AdminAuth.CookieScheme, new ClaimsPrincipal(identity), new AuthenticationProperties { IsPersistent = remember });
        return new SignInResult(true, TimeSpan.Zero);
    }

    public Task SignOutAsync(HttpContext http) => http.SignOutAsync(AdminAuth.CookieScheme);
}
