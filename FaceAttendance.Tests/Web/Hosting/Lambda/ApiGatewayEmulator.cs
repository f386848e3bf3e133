using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceAttendance.Tests.Web.Support;

namespace FaceAttendance.Tests.Web.Hosting.Lambda;

/// <summary>
/// An HTTP API (payload 2.0, <c>$default</c> stage) in front of a <see cref="FakeLambdaRuntime"/>: plain HTTP on
/// 127.0.0.1 becomes an event, the function's answer becomes the HTTP response. Browsers and HttpClients reach the
/// app through it as they would reach API Gateway, so the Kestrel tests' flows run through the Lambda bridge too.
/// </summary>
public sealed class ApiGatewayEmulator : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly FakeLambdaRuntime _runtime;
    private readonly Task _serving;

    public ApiGatewayEmulator(FakeLambdaRuntime runtime)
    {
        _runtime = runtime;
        BaseAddress = new Uri($"http://127.0.0.1:{AppProcess.FreePort()}");
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public Uri BaseAddress { get; }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ForwardAsync(context));
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        try
        {
            var answer = await _runtime.InvokeAsync(await EventOfAsync(context.Request));
            if (answer.IsError)
            {
                // what API Gateway answers when the function fails
                context.Response.StatusCode = 500;
                context.Response.ContentType = "application/json";
                await context.Response.OutputStream.WriteAsync("""{"message":"Internal Server Error"}"""u8.ToArray());
                return;
            }
            await WriteAsync(context.Response, JsonNode.Parse(answer.Body)!);
        }
        catch (Exception e) when (e is HttpListenerException or TimeoutException or IOException)
        {
            context.Response.StatusCode = 504;
        }
        finally
        {
            try { context.Response.Close(); } catch (ObjectDisposedException) { }
        }
    }

    private static async Task<string> EventOfAsync(HttpListenerRequest request)
    {
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body);
        var headers = new JsonObject();
        foreach (var name in request.Headers.AllKeys.OfType<string>().Where(n => !n.Equals("Cookie", StringComparison.OrdinalIgnoreCase)))
        {
            headers[name.ToLowerInvariant()] = string.Join(',', request.Headers.GetValues(name)!);
        }
        headers["x-forwarded-proto"] = "http";
        headers["x-forwarded-for"] = request.RemoteEndPoint.Address.ToString();
        var cookies = new JsonArray([.. (request.Headers["Cookie"] ?? "").Split("; ", StringSplitOptions.RemoveEmptyEntries).Select(c => (JsonNode?)c)]);
        var now = DateTimeOffset.UtcNow;
        var e = new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "$default",
            ["rawPath"] = request.Url!.AbsolutePath,
            ["rawQueryString"] = request.Url.Query.TrimStart('?'),
            ["headers"] = headers,
            ["requestContext"] = new JsonObject
            {
                ["accountId"] = "111122223333",
                ["apiId"] = "emulator",
                ["domainName"] = request.Url.Authority,
                ["domainPrefix"] = "emulator",
                ["http"] = new JsonObject
                {
                    ["method"] = request.HttpMethod,
                    ["path"] = request.Url.AbsolutePath,
                    ["protocol"] = "HTTP/1.1",
                    ["sourceIp"] = request.RemoteEndPoint.Address.ToString(),
                    ["userAgent"] = request.UserAgent ?? "",
                },
                ["requestId"] = Guid.NewGuid().ToString(),
                ["routeKey"] = "$default",
                ["stage"] = "$default",
                ["time"] = now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", System.Globalization.CultureInfo.InvariantCulture),
                ["timeEpoch"] = now.ToUnixTimeMilliseconds(),
            },
            ["isBase64Encoded"] = body.Length > 0,
        };
        if (cookies.Count > 0)
        {
            e["cookies"] = cookies;
        }
        if (body.Length > 0)
        {
            e["body"] = Convert.ToBase64String(body.ToArray());
        }
        return e.ToJsonString();
    }

    private static async Task WriteAsync(HttpListenerResponse response, JsonNode answer)
    {
        response.StatusCode = answer["statusCode"]!.GetValue<int>();
        foreach (var (name, value) in answer["headers"]?.AsObject() ?? [])
        {
            var text = value!.GetValue<string>();
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase))
            {
                continue; // HttpListener sets them from the body it sends
            }
            if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                response.ContentType = text;
            }
            else
            {
                response.Headers[name] = text;
            }
        }
        foreach (var cookie in answer["cookies"]?.AsArray() ?? [])
        {
            response.Headers.Add("Set-Cookie", cookie!.GetValue<string>());
        }
        var body = answer["body"]?.GetValue<string>() ?? "";
        var bytes = answer["isBase64Encoded"]?.GetValue<bool>() == true ? Convert.FromBase64String(body) : System.Text.Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
