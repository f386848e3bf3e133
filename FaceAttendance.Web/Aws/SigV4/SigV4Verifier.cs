using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FaceAttendance.Web.Aws.SigV4;

/// <summary>
/// Server side of AWS Signature Version 4 (Authorization header form): rebuilds the canonical request from
/// what arrived, signs it with the secret of the access key named in the header and compares in constant time.
/// Error codes and messages are the ones AWS JSON services answer with, so SDKs report them as usual.
/// </summary>
public sealed class SigV4Verifier(string service, string? region, Func<string, string?> secretFor, TimeProvider time)
{
    /// <summary>How far the client's clock may be from ours, as AWS allows.</summary>
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(5);

    public SigV4Result Verify(SigV4Request request)
    {
        var header = request.FirstHeader("Authorization");
        if (header is null)
        {
            return SigV4Result.Refused("MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        var authorization = SigV4Authorization.Parse(header);
        if (authorization is null)
        {
            return SigV4Result.Refused("IncompleteSignatureException",
                "Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' parameters with the AWS4-HMAC-SHA256 algorithm.");
        }
        var amzDate = request.FirstHeader("X-Amz-Date");
        if (amzDate is null || !DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return SigV4Result.Refused("IncompleteSignatureException", "Authorization header requires existence of a valid 'X-Amz-Date' header.");
        }
        if (!authorization.SignedHeaders.Contains("host") || authorization.SignedHeaders.Any(h => !request.HeaderValues(h).Any()))
        {
            return SigV4Result.Refused("IncompleteSignatureException", "Every signed header, 'host' included, must be present in the request.");
        }
        var secret = secretFor(authorization.AccessKeyId);
        if (secret is null)
        {
            return SigV4Result.Refused("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        if (authorization.Service != service || (region is not null && authorization.Region != region)
            || authorization.Date != amzDate[..8])
        {
            return SigV4Result.Refused("InvalidSignatureException",
                $"Credential should be scoped to service '{service}'{(region is null ? "" : $" in region '{region}'")} on the date of X-Amz-Date.");
        }
        var now = time.GetUtcNow().UtcDateTime;
        if ((now - signedAt).Duration() > MaxClockSkew)
        {
            return SigV4Result.Refused("InvalidSignatureException",
                $"Signature expired: {amzDate} is now earlier than {(now - MaxClockSkew):yyyyMMdd'T'HHmmss'Z'} or later than {(now + MaxClockSkew):yyyyMMdd'T'HHmmss'Z'}.");
        }
        var canonicalRequest = SigV4Canonicalizer.CanonicalRequest(request, authorization.SignedHeaders);
        var stringToSign = SigV4Canonicalizer.StringToSign(amzDate, authorization.Scope, canonicalRequest);
        var expected = Signature(secret, authorization, stringToSign);
        var matches = CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(authorization.Signature.ToLowerInvariant()));
        var failure = matches ? null : new SigV4Failure("InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.");
        return new SigV4Result(authorization.AccessKeyId, failure, canonicalRequest, stringToSign, authorization.Region);
    }

    private static string Signature(string secret, SigV4Authorization authorization, string stringToSign)
    {
        var key = Encoding.UTF8.GetBytes("AWS4" + secret);
        foreach (var part in new[] { authorization.Date, authorization.Region, authorization.Service, "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }
}
