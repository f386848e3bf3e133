using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using FaceAttendance.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Admin;

/// <summary>Authenticates API clients by the <c>X-Api-Key</c> header: a named key (<see cref="ApiKey"/>) with its role,
/// or the configured <c>Admin:ApiKey</c>, an Owner (kept for the clients that used it before named keys).</summary>
internal sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger,
    UrlEncoder encoder, AdminCredentials credentials, AttendanceDbContext db, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string ConfiguredKeyName = "configured api key";
    private const string KeyStart = "fa_";

    /// <summary>How stale <see cref="ApiKey.LastUsedAt"/> may be: the write is skipped while it is fresher, so a busy key
    /// costs one UPDATE a minute, not one per request.</summary>
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(AdminAuth.ApiKeyHeader, out var header))
        {
            return AuthenticateResult.NoResult();
        }
        var key = header.ToString();
        if (credentials.IsApiKey(key))
        {
            return Success([new Claim(ClaimTypes.Name, ConfiguredKeyName), new Claim(ClaimTypes.Role, Roles.Owner)]);
        }
        // the prefix finds the row; the secret is then compared in constant time, so timing tells nothing of it
        var prefix = key.StartsWith(KeyStart, StringComparison.Ordinal) ? key[KeyStart.Length..].Split('_')[0] : "";
        var row = prefix.Length == 0 ? null : await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Prefix == prefix, Context.RequestAborted);
        if (row is null || !CryptographicOperations.FixedTimeEquals(Convert.FromHexString(Secrets.Sha256Hex(key)), Convert.FromHexString(row.SecretSha256)))
        {
            return AuthenticateResult.Fail("The X-Api-Key header does not hold an API key of this app.");
        }
        if (row.RevokedAt is not null)
        {
            return AuthenticateResult.Fail("This API key was revoked.");
        }
        await RecordUseAsync(row);
        return Success([new Claim(ClaimTypes.NameIdentifier, row.Id.ToString()), new Claim(ClaimTypes.Name, ActorName(row.Name)),
            new Claim(ClaimTypes.Role, row.Role)]);
    }

    /// <summary>How the audit log names a key's actions.</summary>
    public static string ActorName(string keyName) => $"api key {keyName}";

    private async Task RecordUseAsync(ApiKey row)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (row.LastUsedAt is { } last && now - last < LastUsedResolution)
        {
            return;
        }
        // conditional, so instances racing on the same key write once; not through SaveChanges: a use is not an admin action
        var staleBefore = now - LastUsedResolution;
        await db.ApiKeys.Where(k => k.Id == row.Id && (k.LastUsedAt == null || k.LastUsedAt <= staleBefore))
            .ExecuteUpdateAsync(set => set.SetProperty(k => k.LastUsedAt, now), Context.RequestAborted);
    }

    private AuthenticateResult Success(Claim[] claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name)), Scheme.Name));
}
