using System.Security.Claims;
using FaceAttendance.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace FaceAttendance.Web.Admin;

/// <summary>
/// Turns someone the identity provider signed in into an account of this app, at each sign-in: let in only a verified
/// email of an allowed domain or a member of an allowed group; the role follows the mapped groups every time (a group
/// changed at the provider changes the role); the account is found by its provider login (Identity's
/// <c>AspNetUserLogins</c>: scheme + subject), else linked to the account with the same email only when the provider
/// says that email is verified (anyone could otherwise claim an Owner's email), else created. A locked account stays
/// out, as with a password, except in its own browser (<see cref="DeviceCookie"/>); a disabled one stays out everywhere. Then the same admin cookie as a
/// password sign-in.
/// </summary>
public sealed partial class OidcAccounts(OidcOptions options, UserManager<Account> users, AttendanceDbContext db, DeviceCookie devices,
    TimeProvider time, ILogger<OidcAccounts> logger)
{
    /// <summary>Signs the provider's user in with the admin cookie; null, or why not (a key of <see cref="OidcSignIn.Refusals"/>).</summary>
    public async Task<string?> SignInAsync(HttpContext http, ClaimsPrincipal external)
    {
        // the handler refuses an ID token without sub (its protocol validator requires one)
        var subject = external.FindFirstValue("sub")!;
        var email = external.FindFirstValue("email");
        var verified = bool.TryParse(external.FindFirstValue("email_verified"), out var isVerified) && isVerified;
        var groups = external.FindAll(options.RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var domain = email?[(email.LastIndexOf('@') + 1)..];
        var who = email ?? subject;

        var allowed = (verified && options.AllowedDomains.Contains(domain, StringComparer.OrdinalIgnoreCase)) || groups.Overlaps(options.AllowedGroups);
        // the strongest mapped role: Roles.All lists them strongest first
        var role = Roles.All.FirstOrDefault(r => groups.Any(g => options.RoleMap.TryGetValue(g, out var mapped) && mapped == r)) ?? options.DefaultRole;
        var account = await users.FindByLoginAsync(OidcSignIn.Scheme, subject);
        // at a first sign-in, the account that would be linked
        var sameEmail = account is null && email is not null ? await users.FindByEmailAsync(email) : null;
        var refusal = !allowed ? "not-allowed"
            : role is null ? "no-role"
            : sameEmail is not null && !verified ? "email-taken"
            : (account ?? sameEmail) is { DisabledAt: not null } ? "disabled"
            : (account ?? sameEmail) is { } known && !devices.IsTrusted(http, known) && await users.IsLockedOutAsync(known) ? "locked"
            : null;
        if (refusal is not null || role is null)
        {
            LogRefused(logger, who, refusal);
            db.AuditEntries.Add(AuditTrail.Entry(http, time, "account.sign-in-refused", (account ?? sameEmail)?.Id.ToString(), $"with {options.DisplayName}: {refusal}", AuditActor.Named(who, (account ?? sameEmail)?.Id.ToString())));
            await db.SaveChangesAsync(http.RequestAborted);
            return refusal;
        }

        var login = new UserLoginInfo(OidcSignIn.Scheme, subject, options.DisplayName);
        account ??= sameEmail is not null
            ? await LinkAsync(http, sameEmail, login, who)
            : await CreateAsync(http, login, email, verified, external.FindFirstValue("name"), role, who);
        if (account is null)
        {
            return "failed";
        }
        var roleChanged = account.Role != role;
        if (roleChanged)
        {
            db.AuditEntries.Add(AuditTrail.Entry(http, time, "account.role-changed", account.Id.ToString(),
                $"{account.Role} to {role}, following groups at {options.DisplayName}", AdminSignIn.ActorOf(account)));
            account.Role = role;
        }
        account.LastSignInAt = time.GetUtcNow().UtcDateTime;
        db.AuditEntries.Add(AuditTrail.Entry(http, time, "account.signed-in", account.Id.ToString(), $"with {options.DisplayName} as {role}", AdminSignIn.ActorOf(account)));
        // a new role is a new stamp, so the account's other browsers sign in again and pick it up (AccountCookie)
        await (roleChanged ? users.UpdateSecurityStampAsync(account) : users.UpdateAsync(account));
        devices.Trust(http, account);
        await http.SignInAsync(AdminAuth.CookieScheme, AdminSignIn.Principal(account));
        return null;
    }

    private async Task<Account> LinkAsync(HttpContext http, Account existing, UserLoginInfo login, string who)
    {
        await users.AddLoginAsync(existing, login);
        db.AuditEntries.Add(AuditTrail.Entry(http, time, "account.linked", existing.Id.ToString(), $"to {options.DisplayName} (verified email)", AuditActor.Named(who, existing.Id.ToString())));
        return existing;
    }

    private async Task<Account?> CreateAsync(HttpContext http, UserLoginInfo login, string? email, bool verified, string? name, string role, string who)
    {
        var account = new Account
        {
            UserName = email ?? login.ProviderKey, Email = email, EmailConfirmed = verified, DisplayName = name ?? who, Role = role,
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(account);
        if (!created.Succeeded || !(await users.AddLoginAsync(account, login)).Succeeded)
        {
            LogNotCreated(logger, who, string.Join(" ", created.Errors.Select(e => e.Description)));
            return null;
        }
        db.AuditEntries.Add(AuditTrail.Entry(http, time, "account.created", account.Id.ToString(), $"at first sign-in with {options.DisplayName} as {role}", AuditActor.Named(who, account.Id.ToString())));
        return account;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in of {Who} with the identity provider refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string who, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No account could be made for {Who} at first sign-in with the identity provider: {Errors}")]
    private static partial void LogNotCreated(ILogger logger, string who, string errors);
}
