using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Kiosks;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Sites;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Admin;

/// <summary><see cref="SiteIds"/> and <see cref="DepartmentIds"/>: what a Manager will cover (<c>PUT /api/accounts/{id}/scope</c>).</summary>
public sealed record InvitationRequest([Required, EmailAddress, StringLength(256)] string Email,
    [Required, StringLength(200), PlainText] string DisplayName, [Required] string Role, Guid[]? SiteIds = null, Guid[]? DepartmentIds = null);

/// <summary><see cref="Link"/> holds the one-time token: shown once, never stored (only its SHA-256 is).</summary>
public sealed record InvitationResponse(Guid Id, string Email, string Role, DateTime ExpiresAt, string Token, Uri Link);

public sealed record AcceptInvitationRequest([Required] string Token, [Required] string Password);

public sealed record AccountResponse(Guid Id, string? UserName, string? Email, string DisplayName, string Role, bool LockedOut);

/// <summary>Accounts (issue 24): an Owner lists them and invites a new one; the invited person accepts with a password.</summary>
internal static class AccountsApi
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(7);

    internal static void AddAccounts(this WebApplicationBuilder builder) =>
        builder.Services.AddIdentityCore<Account>(o =>
        {
            // ASVS 2.1: at least 12 characters, no composition rules; user names are emails or the first Owner's "admin"
            o.Password = new PasswordOptions { RequiredLength = 12, RequireDigit = false, RequireLowercase = false, RequireUppercase = false, RequireNonAlphanumeric = false, RequiredUniqueChars = 1 };
            o.Lockout = new LockoutOptions { AllowedForNewUsers = true, MaxFailedAccessAttempts = 10, DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15) };
        }).AddEntityFrameworkStores<AttendanceDbContext>();

    public static RouteGroupBuilder MapAccountsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/accounts").WithTags("Accounts").ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("", List).RequireAuthorization(Policies.CanManageAccounts);
        group.MapPost("/invitations", Invite).RequireAuthorization(Policies.CanManageAccounts)
            .WithDescription("Invites someone to open an account with a role; answers the one-time link (valid 7 days) to send them.");
        // the token is the credential: whoever holds the link sets the password
        group.MapPost("/invitations/accept", Accept).AllowAnonymous()
            .WithDescription("Opens the invited account with its password (at least 12 characters); the link then works no more.");
        return group;
    }

    public static async Task<Ok<AccountResponse[]>> List(AttendanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var accounts = await db.Users.AsNoTracking().OrderBy(a => a.UserName).ToListAsync(ct);
        return TypedResults.Ok(accounts.Select(a => new AccountResponse(a.Id, a.UserName, a.Email, a.DisplayName, a.Role, a.LockoutEnd > now)).ToArray());
    }

    public static async Task<Results<Created<InvitationResponse>, ProblemHttpResult>> Invite(
        InvitationRequest body, HttpContext http, AttendanceDbContext db, UserManager<Account> users, TimeProvider time, CancellationToken ct)
    {
        if (!Roles.All.Contains(body.Role))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "unknown-role", $"The role must be one of {string.Join(", ", Roles.All)}.");
        }
        if (await users.FindByEmailAsync(body.Email) is not null || await users.FindByNameAsync(body.Email) is not null)
        {
            return Problems.Of(StatusCodes.Status409Conflict, "account-exists", "An account with that email exists already.");
        }
        if (await ManagerScopeApi.UnknownPlaceAsync(db, body.SiteIds ?? [], body.DepartmentIds ?? [], ct) is { } unknown)
        {
            return unknown;
        }
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = time.GetUtcNow().UtcDateTime;
        var invitation = new Invitation
        {
            Email = body.Email.Trim(), DisplayName = body.DisplayName.Trim(), Role = body.Role, TokenSha256 = Hash(token),
            CreatedAt = now, ExpiresAt = now + InvitationLifetime, InvitedBy = AuditTrail.Actor(http),
            SiteIds = body.SiteIds, DepartmentIds = body.DepartmentIds,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct);
        var link = new Uri(KioskPairing.AppBase(http.Request), $"admin/invitation?token={token}");
        return TypedResults.Created($"/api/accounts/invitations/{invitation.Id}",
            new InvitationResponse(invitation.Id, invitation.Email, invitation.Role, invitation.ExpiresAt, token, link));
    }

    public static async Task<Results<Created<AccountResponse>, ProblemHttpResult, ValidationProblem>> Accept(
        AcceptInvitationRequest body, AttendanceDbContext db, UserManager<Account> users, TimeProvider time, CancellationToken ct)
    {
        var (account, errors) = await AcceptAsync(body.Token, body.Password, db, users, time, ct);
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors.GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }
        return account is null
            ? Problems.NotFound("invitation-invalid", InvalidLink)
            : TypedResults.Created($"/api/accounts/{account.Id}", new AccountResponse(account.Id, account.UserName, account.Email, account.DisplayName, account.Role, false));
    }

    public const string InvalidLink = "This invitation link is not valid: it was used, it expired, or it was never issued.";

    /// <summary>The open invitation <paramref name="token"/> names, or null: unknown, used and expired links answer alike.</summary>
    public static async Task<Invitation?> OpenInvitationAsync(string? token, AttendanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        var hash = Hash(token ?? "");
        return await db.Invitations.SingleOrDefaultAsync(i => i.TokenSha256 == hash, ct) is { AcceptedAt: null } invitation
            && invitation.ExpiresAt > time.GetUtcNow().UtcDateTime ? invitation : null;
    }

    /// <summary>Opens the invited account (the API's and the invitation page's way): the account, or the password's
    /// problems, or neither when the link is not open.</summary>
    public static async Task<(Account? Account, IEnumerable<IdentityError>? Errors)> AcceptAsync(
        string token, string password, AttendanceDbContext db, UserManager<Account> users, TimeProvider time, CancellationToken ct)
    {
        if (await OpenInvitationAsync(token, db, time, ct) is not { } invitation)
        {
            return (null, null);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var account = new Account { UserName = invitation.Email, Email = invitation.Email, DisplayName = invitation.DisplayName, Role = invitation.Role, CreatedAt = now };
        var created = await users.CreateAsync(account, password);
        if (!created.Succeeded)
        {
            return (null, created.Errors);
        }
        invitation.AcceptedAt = now;
        await ManagerScopeApi.GrantAsync(db, account.Id, invitation.SiteIds ?? [], invitation.DepartmentIds ?? [], ct);
        await db.SaveChangesAsync(ct);
        return (account, null);
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
