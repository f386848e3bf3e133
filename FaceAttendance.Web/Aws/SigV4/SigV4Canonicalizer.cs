using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace FaceAttendance.Web.Aws.SigV4;

/// <summary>
/// Rebuilds the canonical request and string to sign of AWS Signature Version 4 (non-S3 rules: path
/// segments normalised and encoded twice) from a request as the server received it.
/// </summary>
public static partial class SigV4Canonicalizer
{
    public static string CanonicalRequest(SigV4Request request, IReadOnlyList<string> signedHeaders) =>
        string.Join('\n',
            request.Method,
            CanonicalUri(request.RawPath),
            CanonicalQuery(request.RawQuery),
            CanonicalHeaders(request, signedHeaders),
            string.Join(';', signedHeaders),
            request.PayloadSha256);

    public static string StringToSign(string amzDate, string scope, string canonicalRequest) =>
        string.Join('\n', SigV4Authorization.Algorithm, amzDate, scope, Sha256Hex(Encoding.UTF8.GetBytes(canonicalRequest)));

    public static string Sha256Hex(ReadOnlySpan<byte> data) => Convert.ToHexStringLower(SHA256.HashData(data));

    public static string CanonicalUri(string rawPath)
    {
        var segments = new List<string>();
        foreach (var segment in rawPath.Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
                continue;
            }
            // the raw segment is already percent-encoded once; encoding it again is SigV4's double encoding
            segments.Add(UriEncode(segment));
        }
        var trailingSlash = segments.Count > 0 && rawPath.EndsWith('/') ? "/" : "";
        return "/" + string.Join('/', segments) + trailingSlash;
    }

    public static string CanonicalQuery(string rawQuery) =>
        string.Join('&', rawQuery.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(kv => (Key: UriEncode(Uri.UnescapeDataString(kv[0])),
                           Value: UriEncode(Uri.UnescapeDataString(kv.Length == 2 ? kv[1] : ""))))
            .OrderBy(kv => kv.Key, StringComparer.Ordinal)
            .ThenBy(kv => kv.Value, StringComparer.Ordinal)
            .Select(kv => kv.Key + "=" + kv.Value));

    /// <summary>One <c>name:value</c> line per signed header; repeated headers join with commas in arrival order.</summary>
    public static string CanonicalHeaders(SigV4Request request, IReadOnlyList<string> signedHeaders)
    {
        var block = new StringBuilder();
        foreach (var name in signedHeaders)
        {
            var values = request.HeaderValues(name).Select(v => Whitespace().Replace(v.Trim(), " "));
            block.Append(name).Append(':').AppendJoin(',', values).Append('\n');
        }
        return block.ToString();
    }

    /// <summary>RFC 3986 encoding as SigV4 defines it: everything but A-Z a-z 0-9 - _ . ~ as %XX of UTF-8 bytes.</summary>
    public static string UriEncode(string value)
    {
        var encoded = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2"));
            }
        }
        return encoded.ToString();
    }

    [GeneratedRegex(" {2,}")]
    private static partial Regex Whitespace();
}
