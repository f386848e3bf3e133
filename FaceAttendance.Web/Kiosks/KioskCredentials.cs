using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace FaceAttendance.Web.Kiosks;

/// <summary>The secrets a kiosk is known by: a one-time pairing code an admin reads out or shows as a QR code, and the
/// device token it is given for it. Only their SHA-256 hashes are stored.</summary>
public static class KioskCredentials
{
    // no 0/O, 1/I/L: a code is typed from a screen or read aloud
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    private const int CodeLength = 10;

    /// <summary>A new pairing code, "ABCDE-FGHJK": 10 of 31 characters (about 50 bits), guessed at most
    /// Kiosk:RequestsPerMinute times a minute per address before it expires.</summary>
    public static string NewPairingCode()
    {
        var code = RandomNumberGenerator.GetString(CodeAlphabet, CodeLength);
        return $"{code[..5]}-{code[5..]}";
    }

    /// <summary>A typed code as it was issued: upper case, without spaces or dashes.</summary>
    public static string NormalisePairingCode(string code) =>
        new([.. code.ToUpperInvariant().Where(c => CodeAlphabet.Contains(c))]);

    /// <summary>The device token: the kiosk's id, so it is found without a scan, and 256 random bits.</summary>
    public static string NewToken(Guid kioskId) =>
        $"{kioskId:N}.{WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32))}";

    /// <summary>The kiosk a token names and its secret, or null for anything not shaped like a token.</summary>
    public static (Guid KioskId, string Secret)? ReadToken(string? token)
    {
        var dot = token?.IndexOf('.') ?? -1;
        return dot == 32 && token!.Length < 100 && Guid.TryParseExact(token[..dot], "N", out var id) ? (id, token[(dot + 1)..]) : null;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string secret, string? hash) =>
        hash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(hash));
}
