using System.Security.Cryptography;
using System.Text;

namespace FaceAttendance.Web.Webhooks;

/// <summary>The <c>FaceAttendance-Signature</c> header, as Stripe signs: <c>t=&lt;unix seconds&gt;,v1=&lt;hex
/// HMAC-SHA256 of "t.body" keyed with the webhook's secret (its UTF-8 bytes)&gt;</c>. The timestamp is signed too, so a
/// receiver that checks it within a tolerance refuses an old delivery replayed (docs/timeclock.md).</summary>
public static class WebhookSignature
{
    public const string Header = "FaceAttendance-Signature";

    public static string Of(string secret, long unixSeconds, string body)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{unixSeconds}.{body}"));
        return $"t={unixSeconds},v1={Convert.ToHexStringLower(mac)}";
    }

    /// <summary>A new secret: 32 random bytes, with a prefix that says what it is.</summary>
    public static string NewSecret() => "whsec_" + System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
