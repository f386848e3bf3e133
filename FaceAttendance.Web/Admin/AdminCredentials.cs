using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;

namespace FaceAttendance.Web.Admin;

/// <summary>The admin API key and password: configured ones, or strong ones generated at first start and kept hashed
/// in the database, so every instance agrees (the plain values are printed once, by the instance that generates them).</summary>
public sealed partial class AdminCredentials
{
    // where releases before the shared database kept them; imported once, then deleted
    private const string LegacyFileName = "admin-credentials.json";
    private static readonly PasswordHasher<AdminCredentials> Hasher = new();
    private readonly byte[] _apiKeyHash;
    private readonly string _passwordHash;

    public AdminCredentials(FaceAttendanceOptions options, IServiceScopeFactory scopes, ILogger<AdminCredentials> logger)
    {
        var (apiKey, password) = (options.Admin.ApiKey, options.Admin.Password);
        var stored = apiKey is { Length: > 0 } && password is { Length: > 0 } ? null : LoadOrGenerate(options, scopes, logger);
        _apiKeyHash = apiKey is { Length: > 0 } ? Sha256(apiKey) : Convert.FromBase64String(stored!.ApiKeySha256);
        _passwordHash = password is { Length: > 0 } ? Hasher.HashPassword(this, password) : stored!.PasswordHash;
    }

    public bool IsApiKey(string candidate) => CryptographicOperations.FixedTimeEquals(Sha256(candidate), _apiKeyHash);

    public bool IsPassword(string candidate) =>
        Hasher.VerifyHashedPassword(this, _passwordHash, candidate) != PasswordVerificationResult.Failed;

    private static StoredAdminCredentials LoadOrGenerate(FaceAttendanceOptions options, IServiceScopeFactory scopes, ILogger logger)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        if (db.AdminCredentials.AsNoTracking().SingleOrDefault() is { } stored)
        {
            return stored;
        }
        var legacyPath = Path.Combine(options.DataPath, LegacyFileName);
        var legacy = File.Exists(legacyPath)
            ? JsonSerializer.Deserialize<LegacyCredentials>(File.ReadAllText(legacyPath), JsonSerializerOptions.Web)
            : null;
        var apiKey = RandomSecret(32);
        var password = RandomSecret(12);
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
        LogGenerated(logger, options.Admin.ApiKey is { Length: > 0 } ? configured : apiKey,
            options.Admin.Password is { Length: > 0 } ? configured : password);
        return candidate;
    }

    private static byte[] Sha256(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    private static string RandomSecret(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Generated admin credentials (shown only this once). API key (X-Api-Key header): {ApiKey}  Admin password: {Password}. " +
        "They are stored hashed in the database (table AdminCredentials). To choose your own, set FaceAttendance:Admin:ApiKey and " +
        "FaceAttendance:Admin:Password (environment variables FaceAttendance__Admin__ApiKey and FaceAttendance__Admin__Password); " +
        "to generate new ones, delete that table's row and restart.")]
    private static partial void LogGenerated(ILogger logger, string apiKey, string password);

    private sealed record LegacyCredentials(string ApiKeySha256, string PasswordHash);
}
