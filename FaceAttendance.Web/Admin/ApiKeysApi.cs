using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.People;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Admin;

public sealed record ApiKeyRequest([Required, StringLength(ApiKey.MaxNameLength), PlainText] string Name, [Required] string Role);

public sealed record ApiKeyResponse(Guid Id, string Name, string Role, string Prefix, DateTime CreatedAt, string CreatedBy,
    DateTime? LastUsedAt, DateTime? RevokedAt)
{
    public static ApiKeyResponse From(ApiKey key) =>
        new(key.Id, key.Name, key.Role, key.Prefix, key.CreatedAt, key.CreatedBy, key.LastUsedAt, key.RevokedAt);
}

/// <summary><see cref="Key"/> is the secret: in this answer only, never stored (only its SHA-256 is).</summary>
public sealed record CreatedApiKey(Guid Id, string Name, string Role, string Prefix, DateTime CreatedAt, string Key);

/// <summary>Named API keys, one per integration, each with a role (issue 24, item 5): the Owner makes, lists and revokes them.</summary>
internal static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeysApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/apikeys").RequireAuthorization(Policies.CanManageAccounts).WithTags("API keys")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("", List).WithDescription("Every key, revoked ones too, with when each was last used (to the minute); never the secret.");
        group.MapPost("", Create).WithDescription("Makes a key with a role; the answer holds the key, shown this once. Send it as X-Api-Key.");
        group.MapDelete("/{id:guid}", Revoke).WithDescription("Revokes a key: requests with it are refused from the next one.");
        return group;
    }

    public static async Task<Ok<ApiKeyResponse[]>> List(AttendanceDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.ApiKeys.AsNoTracking().OrderBy(k => k.RevokedAt != null).ThenBy(k => k.Name).ToListAsync(ct))
            .Select(ApiKeyResponse.From).ToArray());

    public static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult>> Create(
        ApiKeyRequest body, HttpContext http, AttendanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (Roles.Refusal(body.Role) is { } refusal)
        {
            return refusal.ToProblem();
        }
        // a Manager's scope belongs to an account (AccessScope); a key would be a Manager of nothing
        if (body.Role == Roles.Manager)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "manager-key",
                "A Manager key would cover no site or department, so it would see nobody: use an Admin key to edit, or a Payroll or Viewer key to read.");
        }
        var (key, secret) = New(body.Name.Trim(), body.Role, AuditTrail.Actor(http), time);
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/apikeys/{key.Id}", new CreatedApiKey(key.Id, key.Name, key.Role, key.Prefix, key.CreatedAt, secret));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Revoke(Guid id, AttendanceDbContext db, TimeProvider time, CancellationToken ct)
    {
        if (await db.ApiKeys.FindAsync([id], ct) is not { } key)
        {
            return Problems.NotFound("apikey-not-found", "No API key has that id.");
        }
        key.RevokedAt ??= time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>A new key row and its secret <c>fa_{prefix}_{random}</c> (the API's and the admin page's way).</summary>
    public static (ApiKey Key, string Secret) New(string name, string role, string createdBy, TimeProvider time)
    {
        // 12 hex characters: long enough never to collide, short enough to read out
        var prefix = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        var secret = $"fa_{prefix}_{Secrets.New()}";
        return (new ApiKey
        {
            Name = name, Role = role, Prefix = prefix, SecretSha256 = Secrets.Sha256Hex(secret),
            CreatedAt = time.GetUtcNow().UtcDateTime, CreatedBy = createdBy,
        }, secret);
    }
}
