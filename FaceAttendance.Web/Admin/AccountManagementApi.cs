using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Admin;

public sealed record RoleChange(string Role);

public sealed record OpenInvitation(Guid Id, string Email, string DisplayName, string Role, DateTime CreatedAt, DateTime ExpiresAt, string InvitedBy);

/// <summary>What an Owner does to accounts (issue 24, item 1): change a role, disable and enable, issue a password reset
/// link, list and revoke open invitations. A role change, a disabling and a reset take effect at the account's next
/// request (<see cref="AccountCookie"/>). The last active Owner can be neither demoted nor disabled.</summary>
internal static class AccountManagementApi
{
    public static RouteGroupBuilder MapAccountManagementApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/accounts").RequireAuthorization(Policies.CanManageAccounts).WithTags("Accounts")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPut("/{id:guid}/role", ChangeRole).WithDescription("Gives the account another role; its browsers sign in again.");
        group.MapPost("/{id:guid}/disable", Disable).WithDescription("The account can no longer sign in, and its browsers are signed out.");
        group.MapPost("/{id:guid}/enable", Enable);
        group.MapPost("/{id:guid}/password-reset", IssuePasswordReset)
            .WithDescription("A one-time link (valid 24 hours) where the account sets a new password; it replaces any earlier one.");
        group.MapGet("/invitations", OpenInvitations).WithDescription("Invitations not yet accepted, revoked or expired.");
        group.MapDelete("/invitations/{id:guid}", RevokeInvitation).WithDescription("The invitation's link works no more.");
        return group;
    }

    public static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> ChangeRole(
        Guid id, RoleChange body, UserManager<Account> users, AttendanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (Roles.Refusal(body.Role) is { } refusal)
        {
            return refusal.ToProblem();
        }
        if (await db.Users.FindAsync([id], ct) is not { } account)
        {
            return AccountNotFound();
        }
        if (account.Role == body.Role)
        {
            return TypedResults.Ok(AccountResponse.From(account, time.GetUtcNow()));
        }
        if (await IsLastActiveOwnerAsync(account, db, ct))
        {
            return LastOwner("demoted");
        }
        account.Role = body.Role;
        return await SaveAsync(account, users, time, newStamp: true);
    }

    public static Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Disable(Guid id, UserManager<Account> users, AttendanceDbContext db, TimeProvider time, CancellationToken ct) =>
        SetDisabledAsync(id, true, users, db, time, ct);

    public static Task<Results<Ok<AccountResponse>, ProblemHttpResult>> Enable(Guid id, UserManager<Account> users, AttendanceDbContext db, TimeProvider time, CancellationToken ct) =>
        SetDisabledAsync(id, false, users, db, time, ct);

    public static async Task<Results<Created<IssuedPasswordReset>, ProblemHttpResult>> IssuePasswordReset(
        Guid id, HttpContext http, AttendanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await db.Users.FindAsync([id], ct) is not { } account)
        {
            return AccountNotFound();
        }
        var issued = await PasswordResets.IssueAsync(http, account, db, time, ct);
        return TypedResults.Created($"/api/accounts/{id}", issued);
    }

    public static async Task<Ok<OpenInvitation[]>> OpenInvitations(AttendanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return TypedResults.Ok(await db.Invitations.AsNoTracking().OpenAt(now)
            .OrderBy(i => i.CreatedAt).Select(i => new OpenInvitation(i.Id, i.Email, i.DisplayName, i.Role, i.CreatedAt, i.ExpiresAt, i.InvitedBy))
            .ToArrayAsync(ct));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RevokeInvitation(Guid id, AttendanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await db.Invitations.FindAsync([id], ct) is not { AcceptedAt: null } invitation)
        {
            return Problems.NotFound("invitation-not-found", "No open invitation has that id: it was accepted, or never issued.");
        }
        invitation.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> SetDisabledAsync(
        Guid id, bool disabled, UserManager<Account> users, AttendanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await db.Users.FindAsync([id], ct) is not { } account)
        {
            return AccountNotFound();
        }
        if (disabled == (account.DisabledAt is not null))
        {
            return TypedResults.Ok(AccountResponse.From(account, time.GetUtcNow()));
        }
        if (disabled && await IsLastActiveOwnerAsync(account, db, ct))
        {
            return LastOwner("disabled");
        }
        account.DisabledAt = disabled ? time.GetUtcNow().UtcDateTime : null;
        return await SaveAsync(account, users, time, newStamp: disabled);
    }

    /// <summary>Saves through Identity's store; a new security stamp signs the account's browsers out.</summary>
    private static async Task<Results<Ok<AccountResponse>, ProblemHttpResult>> SaveAsync(Account account, UserManager<Account> users, TimeProvider time, bool newStamp)
    {
        var saved = newStamp ? await users.UpdateSecurityStampAsync(account) : await users.UpdateAsync(account);
        return saved.Succeeded
            ? TypedResults.Ok(AccountResponse.From(account, time.GetUtcNow()))
            : Problems.Of(StatusCodes.Status409Conflict, "account-not-saved", string.Join(" ", saved.Errors.Select(e => e.Description)));
    }

    // two Owners demoting each other at the same instant could both pass; the configured API key stays an Owner regardless
    private static async Task<bool> IsLastActiveOwnerAsync(Account account, AttendanceDbContext db, CancellationToken ct) =>
        account is { Role: Roles.Owner, DisabledAt: null }
        && !await db.Users.AnyAsync(a => a.Id != account.Id && a.Role == Roles.Owner && a.DisabledAt == null, ct);

    private static ProblemHttpResult AccountNotFound() => Problems.NotFound("account-not-found", "No account has that id.");

    private static ProblemHttpResult LastOwner(string what) => Problems.Of(StatusCodes.Status409Conflict, "last-owner",
        $"This is the last active Owner: it cannot be {what}. Make another account an Owner first.");
}
