using System.ComponentModel.DataAnnotations;
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

public sealed record AccountResponse(Guid Id, string? UserName, string? Email, string DisplayName, string Role, bool LockedOut,
    bool TwoFactorEnabled, bool Disabled, DateTime? LastSignInAt)
{
    public static AccountResponse From(Account a, DateTimeOffset now) =>
        new(a.Id, a.UserName, a.Email, a.DisplayName, a.Role, a.LockoutEnd > now, a.TwoFactorEnabled, a.DisabledAt is not null, a.LastSignInAt);
}

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
            // a user name is an email the invitation has already checked: Identity's default set refuses o'brien@x.test
            o.User.AllowedUserNameCharacters = "";
        }).AddPasswordValidator<LongestPassword>().AddEntityFrameworkStores<AttendanceDbContext>();

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
        return TypedResults.Ok(accounts.Select(a => AccountResponse.From(a, now)).ToArray());
    }

    public static async Task<Results<Created<InvitationResponse>, ProblemHttpResult>> Invite(
        InvitationRequest body, HttpContext http, AttendanceDbContext db, UserManager<Account> users, TimeProvider time, CancellationToken ct)
    {
        if (Roles.Refusal(body.Role) is { } refusal)
        {
            return refusal.ToProblem();
        }
        if (await users.FindByEmailAsync(body.Email) is not null || await users.FindByNameAsync(body.Email) is not null)
        {
            return AccountExists;
        }
        var email = body.Email.Trim().ToUpperInvariant();
        var now = time.GetUtcNow().UtcDateTime;
        if (await db.Invitations.OpenAt(now).Where(i => i.Email.ToUpper() == email)
            .OrderByDescending(i => i.ExpiresAt).Select(i => (DateTime?)i.ExpiresAt).FirstOrDefaultAsync(ct) is { } openUntil)
        {
            return Problems.Of(StatusCodes.Status409Conflict, "invitation-open",
                $"An invitation for that email is open until {openUntil:yyyy-MM-dd HH:mm} UTC; revoke it to invite again.");
        }
        if (ManagerScopeApi.NotAManagerRefusal(body.Role, body.SiteIds ?? [], body.DepartmentIds ?? []) is { } notAManager)
        {
            return notAManager;
        }
        if (await ManagerScopeApi.UnknownPlaceAsync(db, body.SiteIds ?? [], body.DepartmentIds ?? [], ct) is { } unknown)
        {
            return unknown;
        }
        var token = Secrets.New();
        var invitation = new Invitation
        {
            Email = body.Email.Trim(), DisplayName = body.DisplayName.Trim(), Role = body.Role, TokenSha256 = Secrets.Sha256Hex(token),
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
        AcceptInvitationRequest body, HttpContext http, AttendanceDbContext db, UserManager<Account> users, TimeProvider time, CancellationToken ct)
    {
        var (account, errors) = await AcceptAsync(http, body.Token, body.Password, db, users, time, ct);
        if (errors?.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)) == true)
        {
            return AccountExists;
        }
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors.GroupBy(e => e.Code.Contains("Password", StringComparison.Ordinal) ? "password" : "email")
                .ToDictionary(g => g.Key, g => g.Select(e => e.Description).ToArray()));
        }
        return account is null
            ? Problems.NotFound("invitation-invalid", InvalidLink)
            : TypedResults.Created($"/api/accounts/{account.Id}", AccountResponse.From(account, time.GetUtcNow()));
    }

    private static readonly ProblemHttpResult AccountExists =
        Problems.Of(StatusCodes.Status409Conflict, "account-exists", "An account with that email exists already.");

    public const string InvalidLink = "This invitation link is not valid: it was used, revoked or expired, or it was never issued.";

    /// <summary>The open invitation <paramref name="token"/> names, or null: unknown, used and expired links answer alike.</summary>
    public static async Task<Invitation?> OpenInvitationAsync(string? token, AttendanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        var hash = Secrets.Sha256Hex(token ?? "");
        return await db.Invitations.OpenAt(time.GetUtcNow().UtcDateTime).SingleOrDefaultAsync(i => i.TokenSha256 == hash, ct);
    }

    /// <summary>Opens the invited account (the API's and the invitation page's way): the account, or the password's
    /// problems, or neither when the link is not open.</summary>
    public static async Task<(Account? Account, IEnumerable<IdentityError>? Errors)> AcceptAsync(HttpContext http,
        string token, string password, AttendanceDbContext db, UserManager<Account> users, TimeProvider time, CancellationToken ct)
    {
        if (await OpenInvitationAsync(token, db, time, ct) is not { } invitation)
        {
            return (null, null);
        }
        var now = time.GetUtcNow().UtcDateTime;
        // claimed before the account is made: of two requests with one link, exactly one goes on
        var open = db.Invitations.Where(i => i.Id == invitation.Id);
        if (await open.Where(i => i.AcceptedAt == null).ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now), ct) == 0)
        {
            return (null, null);
        }
        var account = new Account { UserName = invitation.Email, Email = invitation.Email, DisplayName = invitation.DisplayName, Role = invitation.Role, CreatedAt = now };
        var created = await CreateAsync(users, account, password);
        if (!created.Succeeded)
        {
            // the link stays good for a better password
            await open.ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, (DateTime?)null), ct);
            return (null, created.Errors);
        }
        invitation.AcceptedAt = now;
        await ManagerScopeApi.GrantAsync(db, account.Id, invitation.SiteIds ?? [], invitation.DepartmentIds ?? [], ct);
        // the new account opens itself: nobody is signed in, so the entry is written here, naming it
        db.AuditEntries.Add(AuditTrail.Entry(http, time, "account.created", account.Id.ToString(),
            $"{account.UserName} as {account.Role}, invited by {invitation.InvitedBy}", AuditActor.Named(account.UserName!, account.Id.ToString())));
        await db.SaveChangesAsync(ct);
        return (account, null);
    }

    /// <summary>Identity checks the user name is free before inserting; two invitations of one email accepted at once
    /// both pass that check, and the database's unique index refuses the second.</summary>
    private static async Task<IdentityResult> CreateAsync(UserManager<Account> users, Account account, string password)
    {
        try
        {
            return await users.CreateAsync(account, password);
        }
        catch (DbUpdateException)
        {
            return IdentityResult.Failed(users.ErrorDescriber.DuplicateUserName(account.UserName!));
        }
    }
}
