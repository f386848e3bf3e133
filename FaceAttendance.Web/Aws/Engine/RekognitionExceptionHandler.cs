using FaceAttendance.Web.Aws.Rekognition;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Diagnostics;

namespace FaceAttendance.Web.Aws.Engine;

/// <summary>
/// Rekognition errors that reach a request (after the client's retries) as ProblemDetails: refused credentials or a
/// missing collection are the service being unusable (503, saying what to fix); anything else is a bad gateway (502).
/// </summary>
internal sealed class RekognitionExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (exception is not RekognitionException e)
        {
            return false;
        }
        var (status, detail) = e switch
        {
            { IsRefusedCredentials: true } =>
                (StatusCodes.Status503ServiceUnavailable,
                 $"Amazon Rekognition refused the app's AWS credentials ({e.ErrorCode}: {e.ServiceMessage}). Check the IAM policy and credentials of the app."),
            { ErrorCode: "ResourceNotFoundException" } =>
                (StatusCodes.Status503ServiceUnavailable,
                 $"The Rekognition collection is missing ({e.ServiceMessage}). Create it, or set FaceAttendance:Engine:Rekognition:CreateCollection=true."),
            { IsRetryable: true } =>
                (StatusCodes.Status503ServiceUnavailable, $"Amazon Rekognition is busy or failing ({e.ErrorCode}); try again shortly."),
            _ => (StatusCodes.Status502BadGateway, $"Amazon Rekognition answered {e.ErrorCode}: {e.ServiceMessage}"),
        };
        return await problemDetails.WriteAsync(http, exception, status, "rekognition-" + e.ErrorCode, detail);
    }
}
