using Microsoft.AspNetCore.Identity;

namespace FaceAttendance.Web.Admin;

/// <summary>A named account: an Identity user (email, password hash, lockout, security stamp) with its display name and
/// its one role (<see cref="Roles"/>). The first one, <see cref="FirstOwnerUserName"/>, is made at first start from the
/// admin password.</summary>
public sealed class Account : IdentityUser<Guid>
{
    /// <summary>The user name of the Owner account made at first start; signing in with no name means this one.</summary>
    public const string FirstOwnerUserName = "admin";

    public required string DisplayName { get; set; }
    public required string Role { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>When an Owner disabled it: it cannot sign in, and its cookies stop working at their next request.</summary>
    public DateTime? DisabledAt { get; set; }

    public DateTime? LastSignInAt { get; set; }
}

/// <summary>An Owner's invitation to open an account: the link carries a random token, of which only the SHA-256 is
/// kept; it is good once, until <see cref="ExpiresAt"/>.</summary>
public sealed class Invitation
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Email { get; set; }
    public required string DisplayName { get; set; }
    public required string Role { get; set; }
    public required string TokenSha256 { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
    public DateTime? AcceptedAt { get; set; }
    public DateTime? RevokedAt { get; set; }
    public required string InvitedBy { get; set; }

    /// <summary>The sites and departments the account will cover as a Manager (<see cref="Sites.ManagerScopeApi"/>),
    /// granted when the invitation is accepted; null for none.</summary>
    public Guid[]? SiteIds { get; set; }
    public Guid[]? DepartmentIds { get; set; }
}

internal static class Invitations
{
    /// <summary>The invitations whose link still works at <paramref name="now"/>: not accepted, not revoked, not expired.</summary>
    public static IQueryable<Invitation> OpenAt(this IQueryable<Invitation> invitations, DateTime now) =>
        invitations.Where(i => i.AcceptedAt == null && i.RevokedAt == null && i.ExpiresAt > now);
}
