using System.Net.Http.Headers;
using System.Text.Json;

namespace FaceAttendance.Web.Hosting.Lambda;

/// <summary>One invocation handed out by the Runtime API.</summary>
public sealed record LambdaInvocation(string RequestId, DateTimeOffset Deadline, string? TraceId, string? FunctionArn, byte[] Event);

/// <summary>
/// The client side of the Lambda Runtime API (<c>http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/…</c>): wait for the
/// next invocation (no client timeout: the call blocks until there is one), answer it, or report an error.
/// </summary>
public sealed class LambdaRuntime(string runtimeApi) : IDisposable
{
    private readonly HttpClient _http = new()
    {
        BaseAddress = new Uri($"http://{runtimeApi}/2018-06-01/runtime/"),
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public async Task<LambdaInvocation> NextAsync(CancellationToken ct)
    {
        using var response = await _http.GetAsync("invocation/next", ct);
        response.EnsureSuccessStatusCode();
        var headers = response.Headers;
        var deadlineMs = long.TryParse(Header(headers, "Lambda-Runtime-Deadline-Ms"), out var ms) ? ms : 0;
        return new LambdaInvocation(
            Header(headers, "Lambda-Runtime-Aws-Request-Id") ?? throw new InvalidOperationException("The Runtime API gave no request id."),
            deadlineMs > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(deadlineMs) : DateTimeOffset.MaxValue,
            Header(headers, "Lambda-Runtime-Trace-Id"),
            Header(headers, "Lambda-Runtime-Invoked-Function-Arn"),
            await response.Content.ReadAsByteArrayAsync(ct));
    }

    public async Task RespondAsync(string requestId, byte[] body, CancellationToken ct)
    {
        using var content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        using var response = await _http.PostAsync($"invocation/{requestId}/response", content, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>The invocation failed: Lambda counts an error and, for asynchronous events such as S3's, retries it.</summary>
    public Task ReportErrorAsync(string requestId, Exception error, CancellationToken ct) =>
        PostErrorAsync($"invocation/{requestId}/error", "Runtime.UnhandledException", error, ct);

    /// <summary>The app could not start: Lambda fails the init phase with this reason.</summary>
    public Task ReportInitErrorAsync(Exception error, CancellationToken ct) => PostErrorAsync("init/error", "Runtime.InitError", error, ct);

    private async Task PostErrorAsync(string path, string errorType, Exception error, CancellationToken ct)
    {
        // the message only: a stack trace would reach whoever reads the function's errors
        var body = JsonSerializer.SerializeToUtf8Bytes(new { errorMessage = error.Message, errorType = error.GetType().Name, stackTrace = Array.Empty<string>() });
        using var content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        content.Headers.Add("Lambda-Runtime-Function-Error-Type", errorType);
        using var response = await _http.PostAsync(path, content, ct);
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public void Dispose() => _http.Dispose();
}
