using System.Security.Claims;
using FaceAttendance.Web.Data;
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
public sealed class AdminSignIn(AdminCredentials credentials, UserManager<Account> users, TwoFactor twoFactor, DeviceCookie devices, LoginThrottle throttle,
    AttendanceDbContext db, TimeProvider time)
{
    // checked against when the name is unknown, so an unknown name takes as long as a wrong password
    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<Account>().HashPassword(null!, Guid.NewGuid().ToString()));

    /// <param name="name">a user name or email; empty means the first Owner (the admin password of first run).</param>
    /// <param name="code">the authenticator app's code or a recovery code, for an account that turned on two-step sign-in (<see cref="TwoFactor"/>).</param>
    public async Task<SignInResult> SignInAsync(HttpContext http, string? name, string password, string? code, bool remember)
    {
        _ = credentials; // made (and with it the first Owner account) before anyone signs in
        var address = http.Connection.RemoteIpAddress;
        // a browser the named account signed in from before is not held by its address: others behind the same NAT
        // failing on purpose must not lock the Owner out (its failures still count for the account)
        if (throttle.WaitFor(address) is { Ticks: > 0 } wait && !(await FindAsync(name) is { } named && devices.IsTrusted(http, named)))
        {
            return new SignInResult(false, wait);
        }
        await Task.Delay(throttle.AccountDelay(name), time, http.RequestAborted);
        var account = await FindAsync(name);
        if (account is null)
        {
            users.PasswordHasher.VerifyHashedPassword(null!, DummyHash.Value, password);
            throttle.Failed(address, name);
            await AuditAsync(http, "account.sign-in-failed", null, $"unknown name {name}", AuditActor.Anonymous);
            return new SignInResult(false, TimeSpan.Zero);
        }
        var trusted = devices.IsTrusted(http, account);
        var locked = !trusted && await users.IsLockedOutAsync(account);
        // a wrong code, a locked or a disabled account answer like a wrong password, so the answer never tells that the
        // password was right; the audit log, which only Owners and Admins read, says which. The code is checked only after
        // the password, so guessing passwords never uses up someone's recovery codes
        var refusal = !await users.CheckPasswordAsync(account, password) ? "wrong password"
            : locked ? "locked out"
            : account.DisabledAt is not null ? "disabled"
            : account.TwoFactorEnabled && !await twoFactor.AcceptsSignInCodeAsync(account, code) ? "wrong authenticator code"
            : null;
        if (refusal is not null)
        {
            if (!trusted)
            {
                await users.AccessFailedAsync(account);
            }
            throttle.Failed(address, name);
            await AuditAsync(http, "account.sign-in-failed", account, $"as {account.UserName}: {refusal}", AuditActor.Anonymous);
            if (!trusted && !locked && await users.IsLockedOutAsync(account))
            {
                await AuditAsync(http, "account.locked-out", account, $"until {account.LockoutEnd:u} for browsers it never signed in from", AuditActor.Anonymous);
            }
            return new SignInResult(false, TimeSpan.Zero);
        }
        throttle.Succeeded(address, name);
        await users.ResetAccessFailedCountAsync(account);
        devices.Trust(http, account);
        await http.SignInAsync(AdminAuth.CookieScheme, Principal(account), new AuthenticationProperties { IsPersistent = remember });
        account.LastSignInAt = time.GetUtcNow().UtcDateTime;
        await AuditAsync(http, "account.signed-in", account, trusted ? "from a browser it signed in from before" : null, ActorOf(account));
        return new SignInResult(true, TimeSpan.Zero);
    }

    /// <summary>After the signed-in account changed its own security stamp (a second factor, a password): this browser's
    /// cookie gets the new stamp, so only its other browsers are signed out (<see cref="AccountCookie"/>).</summary>
    public async Task RefreshAsync(HttpContext http, Account account)
    {
        if (http.User.Identity?.AuthenticationType == AdminAuth.CookieScheme)
        {
            var properties = http.Features.Get<Microsoft.AspNetCore.Authentication.IAuthenticateResultFeature>()?.AuthenticateResult?.Properties;
            await http.SignInAsync(AdminAuth.CookieScheme, Principal(account), properties);
        }
    }

    /// <summary>How the audit log names an account.</summary>
    public static AuditActor ActorOf(Account account) => AuditActor.Named(account.UserName ?? account.Id.ToString(), account.Id.ToString());

    private async Task AuditAsync(HttpContext http, string action, Account? account, string? detail, AuditActor actor)
    {
        db.AuditEntries.Add(AuditTrail.Entry(http, time, action, account?.Id.ToString(), detail, actor));
        await db.SaveChangesAsync(http.RequestAborted);
    }

    /// <summary>Ends the account's session on every browser, not only this one: a new security stamp makes any copy of its
    /// cookie invalid at its next request (<see cref="AccountCookie"/>), so a cookie taken from this browser does not outlive
    /// the sign-out. The API key is no account and has no session.</summary>
    public async Task SignOutAsync(HttpContext http)
    {
        if (await users.GetUserAsync(http.User) is { } account)
        {
            await AuditAsync(http, "account.signed-out", account, "on every browser", ActorOf(account));
            await users.UpdateSecurityStampAsync(account);
        }
        await http.SignOutAsync(AdminAuth.CookieScheme);
    }

    private async Task<Account?> FindAsync(string? name) => string.IsNullOrWhiteSpace(name)
        ? await users.FindByNameAsync(Account.FirstOwnerUserName)
        : await users.FindByNameAsync(name.Trim()) ?? await users.FindByEmailAsync(name.Trim());

    /// <summary>The admin cookie's principal: the account, its role and its security stamp, which <see cref="AccountCookie"/>
    /// compares with the database's at every request.</summary>
    internal static ClaimsPrincipal Principal(Account account) => new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, account.Id.ToString()),
        new Claim(ClaimTypes.Name, account.UserName ?? account.Id.ToString()),
        new Claim(ClaimTypes.Role, account.Role),
        new Claim(AccountCookie.StampClaim, account.SecurityStamp ?? ""),
    ], AdminAuth.CookieScheme));
}
