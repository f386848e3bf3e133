using System.Net;

namespace FaceAttendance.Web.Aws.Rekognition;

/// <summary>An error answer from Rekognition (or a compatible endpoint): the <c>__type</c> code, its message and HTTP status.</summary>
public sealed class RekognitionException(string errorCode, string message, HttpStatusCode statusCode, string? requestId)
    : Exception($"{errorCode}: {message}")
{
    public string ErrorCode { get; } = errorCode;
    public string ServiceMessage { get; } = message;
    public HttpStatusCode StatusCode { get; } = statusCode;
    public string? RequestId { get; } = requestId;

    /// <summary>Worth another try after a pause: throttling, capacity and server-side failures.</summary>
    public bool IsRetryable =>
        (int)StatusCode >= 500 || ErrorCode is "ThrottlingException" or "ProvisionedThroughputExceededException" or "LimitExceededException";

    /// <summary>The service does not accept the caller's credentials: nothing works until they are fixed.</summary>
    public bool IsRefusedCredentials =>
        ErrorCode is "AccessDeniedException" or "UnrecognizedClientException" or "InvalidSignatureException" or "ExpiredTokenException";

    /// <summary>
    /// Error bodies look like <c>{"__type":"com.amazon…#ResourceNotFoundException","Message":"…"}</c> (message casing varies by
    /// service front end); the code is the part after '#', falling back to the x-amzn-ErrorType header.
    /// </summary>
    public static RekognitionException FromResponse(HttpStatusCode status, string body, string? errorTypeHeader, string? requestId)
    {
        string? type = null, message = null;
        try
        {
            using var json = System.Text.Json.JsonDocument.Parse(body);
            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (property.Name == "__type") { type = property.Value.GetString(); }
                if (property.NameEquals("message") || property.NameEquals("Message")) { message = property.Value.GetString(); }
            }
        }
        catch (System.Text.Json.JsonException)
        {
            message = body.Length > 0 ? body : null;
        }
        type ??= errorTypeHeader?.Split(':')[0];
        var code = type?[(type.LastIndexOf('#') + 1)..] ?? $"Http{(int)status}";
        return new RekognitionException(code, message ?? status.ToString(), status, requestId);
    }
}
