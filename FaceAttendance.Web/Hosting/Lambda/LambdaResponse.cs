using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace FaceAttendance.Web.Hosting.Lambda;

/// <summary>
/// The response of one invocation, buffered (Lambda answers with one JSON document): status, headers, body, and the
/// OnStarting callbacks (security headers, cookies) run before the first byte, as a server runs them.
/// </summary>
public sealed class LambdaResponse : IHttpResponseFeature, IHttpResponseBodyFeature
{
    /// <summary>Lambda's limit for a synchronous invocation's response.</summary>
    public const int MaxPayloadBytes = 6 * 1024 * 1024;

    private readonly MemoryStream _body = new();
    private readonly List<(Func<object, Task> Callback, object State)> _starting = [];
    private readonly List<(Func<object, Task> Callback, object State)> _completed = [];
    private readonly StartingStream _stream;
    private PipeWriter? _writer;

    public LambdaResponse() => _stream = new StartingStream(this, _body);

    public int StatusCode { get; set; } = 200;
    public string? ReasonPhrase { get; set; }
    public IHeaderDictionary Headers { get; set; } = new HeaderDictionary();
    public bool HasStarted { get; private set; }

    Stream IHttpResponseFeature.Body { get => _stream; set => throw new NotSupportedException(); }
    Stream IHttpResponseBodyFeature.Stream => _stream;
    PipeWriter IHttpResponseBodyFeature.Writer => _writer ??= PipeWriter.Create(_stream, new StreamPipeWriterOptions(leaveOpen: true));

    public void OnStarting(Func<object, Task> callback, object state) => _starting.Insert(0, (callback, state));
    public void OnCompleted(Func<object, Task> callback, object state) => _completed.Insert(0, (callback, state));
    public void DisableBuffering() { }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (HasStarted)
        {
            return;
        }
        HasStarted = true;
        foreach (var (callback, state) in _starting)
        {
            await callback(state);
        }
    }

    public async Task CompleteAsync()
    {
        await StartAsync();
        if (_writer is not null)
        {
            await _writer.FlushAsync();
        }
    }

    public async Task SendFileAsync(string path, long offset, long? count, CancellationToken cancellationToken = default)
    {
        await StartAsync(cancellationToken);
        await using var file = File.OpenRead(path);
        file.Seek(offset, SeekOrigin.Begin);
        await (count is { } length ? CopyAsync(file, length, cancellationToken) : file.CopyToAsync(_body, cancellationToken));
    }

    private async Task CopyAsync(Stream source, long length, CancellationToken ct)
    {
        var buffer = new byte[81920];
        while (length > 0 && await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, length)), ct) is var read and > 0)
        {
            await _body.WriteAsync(buffer.AsMemory(0, read), ct);
            length -= read;
        }
    }

    public async Task RunCompletedAsync()
    {
        foreach (var (callback, state) in _completed)
        {
            await callback(state);
        }
    }

    /// <summary>The answer API Gateway expects for <paramref name="payload"/>; binary bodies base64-encoded.</summary>
    public byte[] ToEvent(ApiGatewayPayload payload)
    {
        var body = _body.ToArray();
        if (!Headers.ContentLength.HasValue)
        {
            Headers.ContentLength = body.Length;
        }
        var binary = body.Length > 0 && !IsText(Headers.ContentType.ToString());
        var encodedBody = binary ? Convert.ToBase64String(body) : Encoding.UTF8.GetString(body);
        var answer = Serialize(payload, StatusCode, encodedBody, binary);
        return answer.Length <= MaxPayloadBytes ? answer : TooLarge(payload, answer.Length);
    }

    private byte[] Serialize(ApiGatewayPayload payload, int status, string body, bool base64)
    {
        if (payload == ApiGatewayPayload.Rest)
        {
            var multiValueHeaders = Headers.ToDictionary(h => h.Key, h => h.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
            return JsonSerializer.SerializeToUtf8Bytes(new { statusCode = status, multiValueHeaders, body, isBase64Encoded = base64 });
        }
        // payload 2.0: one value per header, and Set-Cookie goes in its own array (a comma-joined one would break)
        var headers = Headers.Where(h => !h.Key.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var cookies = Headers.SetCookie.ToArray();
        return JsonSerializer.SerializeToUtf8Bytes(new { statusCode = status, headers, cookies, body, isBase64Encoded = base64 });
    }

    /// <summary>A 413 ProblemDetails in place of a response Lambda could not return.</summary>
    private byte[] TooLarge(ApiGatewayPayload payload, int size)
    {
        Headers.Clear();
        Headers.ContentType = "application/problem+json";
        var problem = JsonSerializer.Serialize(new
        {
            type = "https://tools.ietf.org/html/rfc9110#section-15.5.14",
            title = "Response too large",
            status = 413,
            detail = $"The response would be {size / 1024 / 1024.0:0.0} MB; AWS Lambda returns at most 6 MB. Ask for a smaller page or date range.",
            code = "response-too-large",
        });
        Headers.ContentLength = Encoding.UTF8.GetByteCount(problem);
        return Serialize(payload, 413, problem, base64: false);
    }

    private static bool IsText(string contentType) =>
        contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("xml", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("javascript", StringComparison.OrdinalIgnoreCase)
        || contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    /// <summary>Starts the response (its OnStarting callbacks) on the first write.</summary>
    private sealed class StartingStream(LambdaResponse response, MemoryStream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            response.StartAsync().GetAwaiter().GetResult();
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await response.StartAsync(cancellationToken);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
