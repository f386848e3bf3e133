using System.Text.Json;
using FaceAttendance.Vision;
using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace FaceAttendance.Web.Http;

/// <summary>Turns the exceptions that mean "bad input" into ProblemDetails with the right status; anything
/// else falls through to the default 500.</summary>
internal sealed class KnownExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct) =>
        Classify(exception) is { } known && await problemDetails.WriteAsync(http, exception, known.Status, known.Code, known.Detail);

    /// <summary>The refusal a known exception answers with; null for anything else (a 500).</summary>
    public static Refusal? Classify(Exception exception)
    {
        if (StorageFaults.Classify(exception) is { } fault)
        {
            return new Refusal(fault.Status, fault.Code, fault.Detail);
        }
        var (status, code) = exception switch
        {
            ImageRejectedException { Reason: ImageRejection.TooLarge or ImageRejection.TooManyPixels } => (StatusCodes.Status413PayloadTooLarge, "image-too-large"),
            ImageRejectedException { Reason: ImageRejection.Empty } => (StatusCodes.Status400BadRequest, "empty-image"),
            ImageRejectedException => (StatusCodes.Status415UnsupportedMediaType, "undecodable-image"),
            ObjectNotFoundException => (StatusCodes.Status404NotFound, "unknown-key"),
            // Kestrel's own body limit: every body this app accepts is an image
            BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "image-too-large" : "bad-request"),
            JsonException or InvalidDataException => (StatusCodes.Status400BadRequest, "malformed-body"),
            _ => (0, ""),
        };
        return status == 0 ? null : new Refusal(status, code, exception.Message);
    }
}
