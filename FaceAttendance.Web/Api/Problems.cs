using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FaceAttendance.Web.Api;

/// <summary>ProblemDetails results that carry a machine-readable <c>code</c> beside the human <c>detail</c>.</summary>
internal static class Problems
{
    public static ProblemHttpResult Of(int status, string code, string detail, IEnumerable<KeyValuePair<string, object?>>? extensions = null)
    {
        var all = new Dictionary<string, object?> { ["code"] = code };
        foreach (var (name, value) in extensions ?? [])
        {
            all[name] = value;
        }
        return TypedResults.Problem(detail: detail, statusCode: status, extensions: all);
    }

    /// <summary>The <c>code</c> a problem made by <see cref="Of"/> carries.</summary>
    public static string? CodeOf(ProblemHttpResult problem) =>
        problem.ProblemDetails.Extensions.TryGetValue("code", out var code) ? code as string : null;

    public static ProblemHttpResult NotFound(string code, string detail) => Of(StatusCodes.Status404NotFound, code, detail);

    /// <summary>What is wrong with a posted image key before any lookup: missing (the client skipped POST /presign), or too
    /// long to be one of this app's keys, which is refused without echoing it back. Null when it may be looked up.</summary>
    public static ProblemHttpResult? KeyProblem(string? key) => key switch
    {
        not { Length: > 0 } => Of(StatusCodes.Status400BadRequest, "key-missing", "The JSON body needs the 'key' that POST /presign returned."),
        { Length: > ObjectKeys.MaxLength } => Of(StatusCodes.Status400BadRequest, "key-too-long",
            $"The key is {key.Length} characters long; keys of this app are at most {ObjectKeys.MaxLength}."),
        _ => null,
    };

    public static ProblemHttpResult UnsupportedImage(string detail) =>
        Of(StatusCodes.Status415UnsupportedMediaType, "unsupported-image-type", detail);

    public static ProblemHttpResult TooLarge(long maxBytes) =>
        Of(StatusCodes.Status413PayloadTooLarge, "image-too-large", $"The image is larger than the {maxBytes} byte limit.");

    /// <summary>The same shape written by an exception handler for an exception it recognised.</summary>
    public static ValueTask<bool> WriteAsync(
        this IProblemDetailsService problemDetails, HttpContext http, Exception exception, int status, string code, string detail)
    {
        http.Response.StatusCode = status;
        return problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Detail = detail, Extensions = { ["code"] = code } },
        });
    }
}
