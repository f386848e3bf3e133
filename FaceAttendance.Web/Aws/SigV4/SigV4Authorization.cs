namespace FaceAttendance.Web.Aws.SigV4;

/// <summary>The parts of an <c>Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…</c> header.</summary>
public sealed record SigV4Authorization(
    string AccessKeyId, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders, string Signature)
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    public string Scope => $"{Date}/{Region}/{Service}/aws4_request";

    /// <summary>Returns null when the header is not a complete SigV4 authorization.</summary>
    public static SigV4Authorization? Parse(string header)
    {
        if (!header.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return null;
        }
        var parts = header[(Algorithm.Length + 1)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential)
            || !parts.TryGetValue("SignedHeaders", out var signedHeaders)
            || !parts.TryGetValue("Signature", out var signature))
        {
            return null;
        }
        // access key / yyyyMMdd / region / service / aws4_request
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request" || scope.Any(string.IsNullOrEmpty))
        {
            return null;
        }
        return new SigV4Authorization(scope[0], scope[1], scope[2], scope[3], signedHeaders.Split(';'), signature);
    }
}
