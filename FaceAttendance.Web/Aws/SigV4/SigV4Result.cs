namespace FaceAttendance.Web.Aws.SigV4;

/// <summary>Why a request was refused, as an AWS error code (the JSON <c>__type</c>) and its message.</summary>
public sealed record SigV4Failure(string Code, string Message);

/// <summary>
/// The verdict on one request. The canonical request and string to sign are kept (when the header could be
/// read) because they are what a caller needs to find out why a signature does not match.
/// </summary>
/// <see cref="Region"/> is the region the request was signed for.
public sealed record SigV4Result(string? AccessKeyId, SigV4Failure? Failure, string? CanonicalRequest = null, string? StringToSign = null, string? Region = null)
{
    public bool IsValid => Failure is null;

    public static SigV4Result Refused(string code, string message) => new(null, new SigV4Failure(code, message));
}
