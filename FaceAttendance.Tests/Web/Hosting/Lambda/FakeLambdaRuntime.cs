using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Threading.Channels;
using FaceAttendance.Tests.Web.Support;

namespace FaceAttendance.Tests.Web.Hosting.Lambda;

/// <summary>
/// The Lambda Runtime API as AWS documents it (GET invocation/next, POST invocation/{id}/response|error, POST
/// init/error), on 127.0.0.1, for a real app process to poll: a test queues an event and awaits what the app answers.
/// </summary>
public sealed class FakeLambdaRuntime : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<(string Id, byte[] Event)> _queue = Channel.CreateUnbounded<(string, byte[])>();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<LambdaAnswer>> _pending = new();
    private readonly TaskCompletionSource<string> _initError = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _serving;

    public FakeLambdaRuntime()
    {
        Port = AppProcess.FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The value of AWS_LAMBDA_RUNTIME_API for the app.</summary>
    public string Address => $"127.0.0.1:{Port}";

    /// <summary>The body of the init/error report, once the app reported a failed start.</summary>
    public Task<string> InitError => _initError.Task;

    public sealed record LambdaAnswer(bool IsError, string Body, string? ErrorType);

    public async Task<LambdaAnswer> InvokeAsync(string eventJson, TimeSpan? timeout = null)
    {
        var id = Guid.NewGuid().ToString();
        var answer = new TaskCompletionSource<LambdaAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = answer;
        await _queue.Writer.WriteAsync((id, Encoding.UTF8.GetBytes(eventJson)));
        return await answer.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60));
    }

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
            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var path = context.Request.Url!.AbsolutePath;
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        const string prefix = "/2018-06-01/runtime/";
        if (context.Request.HttpMethod == "GET" && path == prefix + "invocation/next")
        {
            (string Id, byte[] Event) next;
            try
            {
                next = await _queue.Reader.ReadAsync();
            }
            catch (ChannelClosedException)
            {
                context.Response.Abort();
                return;
            }
            context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = next.Id;
            context.Response.Headers["Lambda-Runtime-Deadline-Ms"] = DateTimeOffset.UtcNow.AddSeconds(30).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["Lambda-Runtime-Trace-Id"] = "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1";
            context.Response.Headers["Lambda-Runtime-Invoked-Function-Arn"] = "arn:aws:lambda:eu-west-1:111122223333:function:faceattendance";
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(next.Event);
            context.Response.Close();
            return;
        }
        var segments = path[prefix.Length..].Split('/');
        if (context.Request.HttpMethod == "POST" && segments is ["invocation", var id, var kind and ("response" or "error")]
            && _pending.TryRemove(id, out var pending))
        {
            pending.SetResult(new LambdaAnswer(kind == "error", body, context.Request.Headers["Lambda-Runtime-Function-Error-Type"]));
            context.Response.StatusCode = 202;
        }
        else if (context.Request.HttpMethod == "POST" && segments is ["init", "error"])
        {
            _initError.TrySetResult(body);
            context.Response.StatusCode = 202;
        }
        else
        {
            context.Response.StatusCode = 404;
        }
        context.Response.Close();
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        _listener.Stop();
        _listener.Close();
        await _serving.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
