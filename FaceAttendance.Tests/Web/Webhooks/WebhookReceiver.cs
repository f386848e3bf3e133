using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace FaceAttendance.Tests.Web.Webhooks;

/// <summary>A real HTTP server on 127.0.0.1 (Kestrel, a free port) that takes webhook deliveries: it keeps each request's
/// signature header and body, and answers the statuses it was given in turn, then 200.</summary>
internal sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Delivery(string? Signature, string? EventId, string Body);

    private readonly WebApplication _server;
    private readonly Channel<Delivery> _received = Channel.CreateUnbounded<Delivery>();

    private WebhookReceiver(bool endlessBody, params int[] statuses)
    {
        var answers = new Queue<int>(statuses);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _server = builder.Build();
        _server.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            var delivery = new Delivery(request.Headers["FaceAttendance-Signature"], request.Headers["FaceAttendance-Event-Id"], await reader.ReadToEndAsync());
            int status;
            lock (answers)
            {
                status = answers.TryDequeue(out var next) ? next : StatusCodes.Status200OK;
            }
            await _received.Writer.WriteAsync(delivery);
            return endlessBody ? Results.Stream(WriteForeverAsync, "text/plain") : Results.StatusCode(status);
        });
    }

    public string Url => $"{_server.Urls.Single()}/hook";

    public static Task<WebhookReceiver> StartAsync(params int[] statuses) => StartAsync(new WebhookReceiver(false, statuses));

    /// <summary>A hostile receiver: it answers 200 and then a body that never ends.</summary>
    public static Task<WebhookReceiver> StartEndlessAsync() => StartAsync(new WebhookReceiver(true));

    private static async Task<WebhookReceiver> StartAsync(WebhookReceiver receiver)
    {
        await receiver._server.StartAsync();
        return receiver;
    }

    /// <summary>The next delivery received, waiting up to 20 seconds for it.</summary>
    public async Task<Delivery> NextAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        return await _received.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Whether a delivery is waiting that <see cref="NextAsync"/> has not taken.</summary>
    public bool HasMore => _received.Reader.TryPeek(out _);

    private static async Task WriteForeverAsync(Stream body)
    {
        // slowly enough that a client which buffers it all fails by its timeout, not by the test machine's memory
        var chunk = new byte[64 * 1024];
        while (true)
        {
            await body.WriteAsync(chunk);
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
