using System.Security.Claims;

namespace FaceAttendance.Web.Data;

/// <summary>Who did an audited action: a readable <see cref="Name"/> (at most <see cref="MaxLength"/> characters, as the
/// columns that keep it) and the <see cref="Id"/> of the account, API key or kiosk, which every principal carries as its
/// <see cref="ClaimTypes.NameIdentifier"/>. The configured API key and anonymous requests have no id.</summary>
public sealed record AuditActor(string Name, string? Id)
{
    public const int MaxLength = 64;

    public static readonly AuditActor Anonymous = new("anonymous", null);

    public static AuditActor Of(HttpContext? context) => context?.User is { Identity.IsAuthenticated: true } user
        ? Named(user.Identity.Name ?? "unnamed", user.FindFirstValue(ClaimTypes.NameIdentifier))
        : Anonymous;

    public static AuditActor Kiosk(Guid id, string name) => Named($"kiosk {name}", id.ToString());

    public static AuditActor Named(string name, string? id) => new(name.Length > MaxLength ? name[..MaxLength] : name, id);
}
