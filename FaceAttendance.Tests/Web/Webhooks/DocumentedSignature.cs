using System.Security.Cryptography;
using System.Text;

namespace FaceAttendance.Tests.Web.Webhooks;

/// <summary>A receiver's check of <c>FaceAttendance-Signature</c>, written from docs/timeclock.md alone (not the app's
/// signing code): split the header on commas into <c>t</c> and the <c>v1</c> values; refuse a <c>t</c> further than the
/// tolerance from now; compute HMAC-SHA256 keyed with the secret's UTF-8 bytes over <c>t + "." + raw body</c>; accept
/// when it equals one of the <c>v1</c> values (hex), compared in constant time.</summary>
internal static class DocumentedSignature
{
    public static bool Verify(string? header, string body, string secret, DateTimeOffset now, TimeSpan tolerance)
    {
        if (header is null)
        {
            return false;
        }
        var pairs = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToList();
        if (pairs.FirstOrDefault(p => p[0] == "t") is not [_, var t] || !long.TryParse(t, out var timestamp)
            || Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            return false;
        }
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}"));
        return pairs.Where(p => p[0] == "v1").Any(p =>
            p[1].Length == expected.Length * 2 && CryptographicOperations.FixedTimeEquals(Convert.FromHexString(p[1]), expected));
    }
}
