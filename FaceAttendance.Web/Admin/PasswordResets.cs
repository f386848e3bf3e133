using FaceAttendance.Web.Data;
using FaceAttendance.Web.Kiosks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Admin;

/// <summary>An Owner-issued link to set a new password: like an <see cref="Invitation"/>, only the token's SHA-256 is kept,
/// and it is good once, until <see cref="ExpiresAt"/>; issuing another for the account replaces it.</summary>
public sealed class PasswordReset
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid AccountId { get; set; }
    public required string TokenSha256 { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? UsedAt { get; set; }
    public required string IssuedBy { get; set; }
}

/// <summary><see cref="Link"/> holds the one-time token: shown once, never stored.</summary>
public sealed record IssuedPasswordReset(Guid AccountId, DateTime ExpiresAt, Uri Link);

/// <summary>Password reset links (no mail is sent: the Owner passes the link on), and setting the new password from one,
/// which also ends a lockout and signs the account's browsers out (a new security stamp).</summary>
internal static class PasswordResets
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    public const string InvalidLink = "This password link is not valid: it was used or expired, a newer one replaced it, or it was never issued.";

    public static async Task<IssuedPasswordReset> IssueAsync(HttpContext http, Account account, AttendanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        await db.PasswordResets.Where(r => r.AccountId == account.Id && r.UsedAt == null).ExecuteDeleteAsync(ct);
        var token = Secrets.New();
        var now = time.GetUtcNow().UtcDateTime;
        var reset = new PasswordReset
        {
            AccountId = account.Id, TokenSha256 = Secrets.Sha256Hex(token), CreatedAt = now, ExpiresAt = now + Lifetime,
            IssuedBy = AuditTrail.Actor(http),
        };
        db.PasswordResets.Add(reset);
        await db.SaveChangesAsync(ct);
        return new IssuedPasswordReset(account.Id, reset.ExpiresAt, new Uri(KioskPairing.AppBase(http.Request), $"admin/reset?token={token}"));
    }

    /// <summary>The account an open link names, or null: unknown, used, replaced and expired links answer alike.</summary>
    public static async Task<Account?> OpenAsync(string? token, AttendanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        var hash = Secrets.Sha256Hex(token ?? "");
        var now = time.GetUtcNow().UtcDateTime;
        var reset = await db.PasswordResets.AsNoTracking().SingleOrDefaultAsync(r => r.TokenSha256 == hash && r.UsedAt == null && r.ExpiresAt > now, ct);
        return reset is null ? null : await db.Users.FindAsync([reset.AccountId], ct);
    }

    /// <summary>Sets the password from an open link: the password's problems, or none; false when the link is not open.</summary>
    public static async Task<(bool Open, IEnumerable<IdentityError> Errors)> UseAsync(HttpContext http, string token, string password,
        AttendanceDbContext db, UserManager<Account> users, TimeProvider time, CancellationToken ct)
    {
        if (await OpenAsync(token, db, time, ct) is not { } account)
        {
            return (false, []);
        }
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators)
        {
            errors.AddRange((await validator.ValidateAsync(users, account, password)).Errors);
        }
        if (errors.Count > 0)
        {
            return (true, errors);
        }
        var hash = Secrets.Sha256Hex(token);
        var reset = await db.PasswordResets.SingleAsync(r => r.TokenSha256 == hash, ct);
        reset.UsedAt = time.GetUtcNow().UtcDateTime;
        account.PasswordHash = users.PasswordHasher.HashPassword(account, password);
        (account.LockoutEnd, account.AccessFailedCount) = (null, 0);
        // nobody is signed in: the entry names the account whose link it was
        db.AuditEntries.Add(AuditTrail.Entry(http, time, "account.password-reset", account.Id.ToString(), $"with the link {reset.IssuedBy} issued",
            AdminSignIn.ActorOf(account)));
        // one save for all of it, with a new stamp: the account's browsers sign in again
        var updated = await users.UpdateSecurityStampAsync(account);
        return (true, updated.Errors);
    }
}
