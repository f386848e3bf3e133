using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace FaceAttendance.Web.Http;

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

    public static ProblemHttpResult NotFound(string code, string detail) => Of(StatusCodes.Status404NotFound, code, detail);

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
