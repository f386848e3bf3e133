using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace FaceAttendance.Web.Admin;

/// <summary>The outcome of a login: signed in, wrong name or password, or refused unchecked until <see cref="RetryAfter"/> has passed.</summary>
public sealed record SignInResult(bool SignedIn, TimeSpan RetryAfter);

/// <summary>
/// Signs an account in with its user name or email and password, and issues or removes the admin cookie with its role;
/// used by the login page. Guessing is slowed twice: per address by <see cref="LoginThrottle"/>, and per account by
/// Identity's lockout. The lockout holds only browsers that never signed in to the account (<see cref="DeviceCookie"/>,
/// OWASP's device cookies), so someone failing on purpose locks out only strangers, never the account's own browser.
/// An unknown name, a wrong password and a locked account answer alike, after the same work (no user enumeration).
/// </summary>
public sealed class AdminSignIn(AdminCredentials credentials, UserManager<Account> users, TwoFactor twoFactor, DeviceCookie devices, LoginThrottle throttle, TimeProvider time)
{
    // checked against when the name is unknown, so an unknown name takes as long as a wrong password
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<Account>().HashPassword(null!, Guid.NewGuid().ToString()));

    /// <param name="name">a user name or email; empty means the first Owner (the admin password of first run).</param>
    /// <param name="code">the authenticator app's code or a recovery code, for an account that turned on two-step sign-in (<see cref="TwoFactor"/>).</param>
    public async Task<SignInResult> SignInAsync(HttpContext http, string? name, string password, string? code, bool remember)
    {
        _ = credentials; // made (and with it the first Owner account) before anyone signs in
        var address = http.Connection.RemoteIpAddress;
        if (throttle.WaitFor(address) is { Ticks: > 0 } wait)
        {
            return new SignInResult(false, wait);
        }
        await Task.Delay(throttle.AccountDelay(name), time, http.RequestAborted);
        var account = await FindAsync(name);
        if (account is null)
        {
            users.PasswordHasher.VerifyHashedPassword(null!, DummyHash.Value, password);
            throttle.Failed(address, name);
            return new SignInResult(false, TimeSpan.Zero);
        }
        var trusted = devices.IsTrusted(http, account);
        var locked = !trusted && await users.IsLockedOutAsync(account);
        // a wrong code answers like a wrong password, so the answer never tells that the password was right; the code is
        // checked only after the password, so guessing passwords never uses up someone's recovery codes
        if (!await users.CheckPasswordAsync(account, password) || locked
            || (account.TwoFactorEnabled && !await twoFactor.AcceptsSignInCodeAsync(account, code)))
        {
            if (!trusted)
            {
                await users.AccessFailedAsync(account);
            }
            throttle.Failed(address, name);
            return new SignInResult(false, TimeSpan.Zero);
        }
        throttle.Succeeded(address, name);
        await users.ResetAccessFailedCountAsync(account);
        devices.Trust(http, account);
        await http.SignInAsync(AdminAuth.CookieScheme, Principal(account), new AuthenticationProperties { IsPersistent = remember });
        return new SignInResult(true, TimeSpan.Zero);
    }

    public Task SignOutAsync(HttpContext http) => http.SignOutAsync(AdminAuth.CookieScheme);

    private async Task<Account?> FindAsync(string? name) => string.IsNullOrWhiteSpace(name)
        ? await users.FindByNameAsync(Account.FirstOwnerUserName)
        : await users.FindByNameAsync(name.Trim()) ?? await users.FindByEmailAsync(name.Trim());

    internal static ClaimsPrincipal Principal(Account account) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
        new Claim(ClaimTypes.Name, account.UserName ?? account.Id.ToString()),
        new Claim(ClaimTypes.Role, account.Role),
    ], AdminAuth.CookieScheme));
}
