using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FaceAttendance.Web.Configuration;
using Microsoft.AspNetCore.Identity;

namespace FaceAttendance.Web.Admin;

/// <summary>The admin API key and password: configured ones, or strong ones generated at first start and kept
/// hashed in DataDir/admin-credentials.json (the plain values are printed once, when they are generated).</summary>
public sealed partial class AdminCredentials
{
    private const string FileName = "admin-credentials.json";
    private static readonly PasswordHasher<AdminCredentials> Hasher = new();
    private readonly byte[] _apiKeyHash;
    private readonly string _passwordHash;

    public AdminCredentials(FaceAttendanceOptions options, ILogger<AdminCredentials> logger)
    {
        var (apiKey, password) = (options.Admin.ApiKey, options.Admin.Password);
        var stored = apiKey is { Length: > 0 } && password is { Length: > 0 } ? null : LoadOrGenerate(options, logger);
        _apiKeyHash = apiKey is { Length: > 0 } ? Sha256(apiKey) : Convert.FromBase64String(stored!.ApiKeySha256);
        _passwordHash = password is { Length: > 0 } ? Hasher.HashPassword(this, password) : stored!.PasswordHash;
    }

    public bool IsApiKey(string candidate) => CryptographicOperations.FixedTimeEquals(Sha256(candidate), _apiKeyHash);

    public bool IsPassword(string candidate) =>
        Hasher.VerifyHashedPassword(this, _passwordHash, candidate) != PasswordVerificationResult.Failed;

    private static StoredCredentials LoadOrGenerate(FaceAttendanceOptions options, ILogger logger)
    {
        var path = Path.Combine(options.DataPath, FileName);
        if (File.Exists(path))
        {
            return JsonSerializer.Deserialize<StoredCredentials>(File.ReadAllText(path), JsonSerializerOptions.Web)
                ?? throw new InvalidDataException($"{path} is empty; delete it to generate new admin credentials.");
        }
        var apiKey = RandomSecret(32);
        var password = RandomSecret(12);
        var stored = new StoredCredentials(Convert.ToBase64String(Sha256(apiKey)), Hasher.HashPassword(null!, password));
        Directory.CreateDirectory(options.DataPath);
        File.WriteAllText(path, JsonSerializer.Serialize(stored, JsonSerializerOptions.Web));
        const string configured = "(the configured one)";
        LogGenerated(logger, options.Admin.ApiKey is { Length: > 0 } ? configured : apiKey,
            options.Admin.Password is { Length: > 0 } ? configured : password, path);
        return stored;
    }

    private static byte[] Sha256(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    private static string RandomSecret(int bytes) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Generated admin credentials (shown only this once). API key (X-Api-Key header): {ApiKey}  Admin password: {Password}. " +
        "They are stored hashed in {Path}. To choose your own, set FaceAttendance:Admin:ApiKey and FaceAttendance:Admin:Password " +
        "(environment variables FaceAttendance__Admin__ApiKey and FaceAttendance__Admin__Password); to generate new ones, delete that file and restart.")]
    private static partial void LogGenerated(ILogger logger, string apiKey, string password, string path);

    private sealed record StoredCredentials(string ApiKeySha256, string PasswordHash);
}
