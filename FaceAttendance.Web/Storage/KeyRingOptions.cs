using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Storage;

/// <summary>The top-level <c>FaceAttendance:KeyRingKey</c> key that <see cref="Storage.KeyRingKey"/> reads.</summary>
public sealed class KeyRingOptions
{
    public const string Section = "FaceAttendance";
    public const string ConfigurationKey = $"{Section}:{nameof(KeyRingKey)}";

    /// <summary>Base64 of 32 random bytes (<c>openssl rand -base64 32</c>) that encrypts the Data Protection key ring
    /// in the database (<see cref="Storage.KeyRingKey"/>). Needed with PostgreSQL, where every instance must hold the
    /// same one; with SQLite, unset means one generated into DataDir/keyring.key.</summary>
    public string? KeyRingKey { get; set; }
}

internal sealed class KeyRingOptionsValidator : IValidateOptions<KeyRingOptions>
{
    public ValidateOptionsResult Validate(string? name, KeyRingOptions options) =>
        options.KeyRingKey is { Length: > 0 } keyRingKey && !IsKeyRingKey(keyRingKey)
            ? ValidateOptionsResult.Fail($"FaceAttendance:KeyRingKey must be base64 of {Storage.KeyRingKey.Size} bytes; generate one with 'openssl rand -base64 32'.")
            : ValidateOptionsResult.Success;

    private static bool IsKeyRingKey(string value)
    {
        var bytes = new byte[Storage.KeyRingKey.Size + 1];
        return Convert.TryFromBase64String(value, bytes, out var written) && written == Storage.KeyRingKey.Size;
    }
}
