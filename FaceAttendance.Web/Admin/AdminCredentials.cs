using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FaceAttendance.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;

namespace FaceAttendance.Web.Admin;

/// <summary>The admin API key and password: configured ones, or strong ones generated at first start and kept hashed
/// in the database, so every instance agrees. The plain values are printed once, by the instance that generates them,
/// straight to the console: never through logging, whose sinks (JSON files, collectors) would keep them.</summary>
public sealed class AdminCredentials
{
    // where releases before the shared database kept them; imported once, then deleted
    private const string LegacyFileName = "admin-credentials.json";
    private static readonly PasswordHasher<AdminCredentials> Hasher = new();
    private readonly byte[] _apiKeyHash;
    private readonly string _passwordHash;

    /// <param name="console">where generated values are shown: the process's console (<see cref="Console.Out"/>).</param>
    public AdminCredentials(AdminOptions options, DataDirOptions dataDir, IServiceScopeFactory scopes, TextWriter console)
    {
        var (apiKey, password) = (options.ApiKey, options.Password);
        var stored = apiKey is { Length: > 0 } && password is { Length: > 0 } ? null : LoadOrGenerate(options, dataDir, scopes, console);
        _apiKeyHash = apiKey is { Length: > 0 } ? Sha256(apiKey) : Convert.FromBase64String(stored!.ApiKeySha256);
        _passwordHash = password is { Length: > 0 } ? Hasher.HashPassword(this, password) : stored!.PasswordHash;
        EnsureFirstOwner(scopes, password);
    }

    /// <summary>The admin password is the first Owner account's (user name <see cref="Account.FirstOwnerUserName"/>): made
    /// here with the same hash (Identity's hasher, one format), so first run stays one step. A configured password stays
    /// the truth: a changed one replaces the account's at the next start.</summary>
    private void EnsureFirstOwner(IServiceScopeFactory scopes, string? configuredPassword)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        var normalized = Account.FirstOwnerUserName.ToUpperInvariant();
        var owner = db.Users.SingleOrDefault(a => a.NormalizedUserName == normalized);
        if (owner is null)
        {
            db.Users.Add(new Account
            {
                UserName = Account.FirstOwnerUserName,
                NormalizedUserName = normalized,
                DisplayName = "Owner",
                Role = Roles.Owner,
                PasswordHash = _passwordHash,
                SecurityStamp = Guid.NewGuid().ToString("N"),
                LockoutEnabled = true,
                CreatedAt = DateTime.UtcNow,
            });
        }
        else if (configuredPassword is { Length: > 0 } && new PasswordHasher<Account>().VerifyHashedPassword(owner, owner.PasswordHash ?? "", configuredPassword) == PasswordVerificationResult.Failed)
        {
            owner.PasswordHash = _passwordHash;
            owner.SecurityStamp = Guid.NewGuid().ToString("N");
        }
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException)
        {
            // another instance starting at the same moment made it first
        }
    }

    public bool IsApiKey(string candidate) => CryptographicOperations.FixedTimeEquals(Sha256(candidate), _apiKeyHash);

    public bool IsPassword(string candidate) =>
        Hasher.VerifyHashedPassword(this, _passwordHash, candidate) != PasswordVerificationResult.Failed;

    private static StoredAdminCredentials LoadOrGenerate(AdminOptions options, DataDirOptions dataDir, IServiceScopeFactory scopes, TextWriter console)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        if (db.AdminCredentials.AsNoTracking().SingleOrDefault() is { } stored)
        {
            return stored;
        }
        var legacyPath = Path.Combine(dataDir.DataPath, LegacyFileName);
        var legacy = File.Exists(legacyPath)
            ? JsonSerializer.Deserialize<LegacyCredentials>(File.ReadAllText(legacyPath), JsonSerializerOptions.Web)
            : null;
        var apiKey = Secrets.New(32);
        var password = Secrets.New(12);
        var candidate = legacy is not null
            ? new StoredAdminCredentials { ApiKeySha256 = legacy.ApiKeySha256, PasswordHash = legacy.PasswordHash }
            : new StoredAdminCredentials { ApiKeySha256 = Convert.ToBase64String(Sha256(apiKey)), PasswordHash = Hasher.HashPassword(null!, password) };
        db.AdminCredentials.Add(candidate);
        try
        {
            db.SaveChanges();
        }
        catch (DbUpdateException)
        {
            // another instance starting at the same moment stored its own first: use those
            db.ChangeTracker.Clear();
            return db.AdminCredentials.AsNoTracking().Single();
        }
        if (legacy is not null)
        {
            File.Delete(legacyPath);
            return candidate;
        }
        const string configured = "(the configured one)";
        console.WriteLine(GeneratedNotice(options.ApiKey is { Length: > 0 } ? configured : apiKey,
            options.Password is { Length: > 0 } ? configured : password));
        return candidate;
    }

    private static byte[] Sha256(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    private static string GeneratedNotice(string apiKey, string password) => $"""

        ==== Generated admin credentials (shown only this once) ====
          API key (X-Api-Key header): {apiKey}
          Admin password:             {password}
        They are stored hashed in the database (table AdminCredentials). To choose your own, set FaceAttendance:Admin:ApiKey
        and FaceAttendance:Admin:Password (environment variables FaceAttendance__Admin__ApiKey and FaceAttendance__Admin__Password);
        to generate new ones, delete that table's row and restart.

        """;

    private sealed record LegacyCredentials(string ApiKeySha256, string PasswordHash);
}
