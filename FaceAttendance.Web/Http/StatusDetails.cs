using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace FaceAttendance.Web.Http;

/// <summary>A clear <c>detail</c> for the ProblemDetails the framework writes itself (routing, authentication,
/// status code pages), which otherwise carry only a title, and a <c>code</c> named after the status.</summary>
internal static class StatusDetails
{
    public static string? For(ProblemDetails problem, HttpContext http)
    {
        var request = http.Request;
        return problem.Status switch
        {
            StatusCodes.Status400BadRequest when problem is HttpValidationProblemDetails =>
                "Some fields are missing or not valid; 'errors' lists them.",
            StatusCodes.Status401Unauthorized =>
                "This needs the admin API key in the X-Api-Key header, or an administrator signed in at /admin/login.",
            StatusCodes.Status403Forbidden => "The admin credentials do not allow this.",
            StatusCodes.Status404NotFound => $"Nothing is served at {request.Method} {request.Path}.",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not accept {request.Method}.",
            StatusCodes.Status415UnsupportedMediaType => $"{request.Path} does not accept Content-Type '{request.ContentType}'.",
            _ => null,
        };
    }

    /// <summary>"unauthorized", "unsupported-media-type", ...; "invalid-fields" for a validation failure.</summary>
    public static string? CodeFor(ProblemDetails problem) => problem switch
    {
        HttpValidationProblemDetails => "invalid-fields",
        { Status: { } status } when ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase =>
            phrase.ToLowerInvariant().Replace(' ', '-'),
        _ => null,
    };
}
