using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace FaceAttendance.Web.Storage;

/// <summary>What an upload URL allows: one object at <see cref="Key"/> of <see cref="ContentType"/>, at most <see cref="MaxBytes"/>.</summary>
public sealed record UploadGrant(string Key, string ContentType, long MaxBytes);

/// <summary>Signs and checks upload grants with Data Protection's time-limited protector: the local stand-in for
/// an S3 pre-signed URL. Expiry is checked against the injected clock as well as by the protector itself.</summary>
public sealed class UploadTokens(IDataProtectionProvider provider, TimeProvider time)
{
    private readonly ITimeLimitedDataProtector _protector =
        provider.CreateProtector("FaceAttendance.Storage.UploadGrant.v1").ToTimeLimitedDataProtector();

    public string Issue(UploadGrant grant, DateTimeOffset expiresAt) =>
        _protector.Protect(JsonSerializer.Serialize(grant), expiresAt);

    /// <returns>The grant, or null when the token is forged, damaged or expired.</returns>
    public UploadGrant? Read(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }
        try
        {
            var payload = _protector.Unprotect(token, out var expiresAt);
            return expiresAt <= time.GetUtcNow() ? null : JsonSerializer.Deserialize<UploadGrant>(payload);
        }
        catch (Exception e) when (e is CryptographicException or FormatException or JsonException)
        {
            return null;
        }
    }
}
