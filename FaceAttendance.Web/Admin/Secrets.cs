using System.Security.Cryptography;
using System.Text;

namespace FaceAttendance.Web.Admin;

/// <summary>Random secrets the app hands out once (invitation and reset links, API keys, generated credentials) and the
/// SHA-256 it keeps of them instead: enough for a 256-bit random value, which no one guesses (a password needs a slow hash).</summary>
internal static class Secrets
{
    /// <summary><paramref name="bytes"/> random bytes as URL-safe base64 without padding.</summary>
    public static string New(int bytes = 32) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Sha256Hex(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
