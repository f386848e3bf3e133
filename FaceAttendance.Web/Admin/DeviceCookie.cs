using Microsoft.AspNetCore.DataProtection;

namespace FaceAttendance.Web.Admin;

/// <summary>OWASP's device cookie: after a good sign-in the browser keeps a protected note of the account, valid for
/// <see cref="Lifetime"/>; a sign-in from it is not held by the account's lockout (<see cref="AdminSignIn"/>).
/// One account per browser: signing in to another replaces it.</summary>
public sealed class DeviceCookie(IDataProtectionProvider protection, TimeProvider time)
{
    public const string Name = "FaceAttendance.Device";
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(60);
    private readonly ITimeLimitedDataProtector _protector = protection.CreateProtector("FaceAttendance.DeviceCookie").ToTimeLimitedDataProtector();

    public bool IsTrusted(HttpContext http, Account account)
    {
        if (http.Request.Cookies[Name] is not { Length: > 0 } value)
        {
            return false;
        }
        try
        {
            return _protector.Unprotect(value, out var expires) == account.Id.ToString() && expires > time.GetUtcNow();
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    public void Trust(HttpContext http, Account account)
    {
        var expires = time.GetUtcNow() + Lifetime;
        http.Response.Cookies.Append(Name, _protector.Protect(account.Id.ToString(), expires), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = AdminAuth.LoginPath,
            Expires = expires,
        });
    }
}
