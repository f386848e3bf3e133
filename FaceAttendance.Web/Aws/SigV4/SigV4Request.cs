namespace FaceAttendance.Web.Aws.SigV4;

/// <summary>
/// What a SigV4 verifier needs from an incoming request, taken exactly as it travelled: the raw
/// (still percent-encoded) path and query, every header line in order (duplicates kept), and the
/// hex SHA-256 of the body the server actually received.
/// </summary>
public sealed record SigV4Request(
    string Method,
    string RawPath,
    string RawQuery,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string PayloadSha256)
{
    public IEnumerable<string> HeaderValues(string name) =>
        Headers.Where(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Select(h => h.Value);

    public string? FirstHeader(string name) => HeaderValues(name).FirstOrDefault();
}
