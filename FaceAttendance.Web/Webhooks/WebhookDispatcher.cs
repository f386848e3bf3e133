using System.Text;
using FaceAttendance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Webhooks;

/// <summary>
/// Sends the outbox's due deliveries, on one instance at a time (the first to take the round's lease sends; the others
/// skip it). A 2xx answer delivers; anything else (another status, a refused connection, a timeout) is retried after
/// <see cref="WebhookOptions.FirstRetryDelay"/>, doubling each time, until <see cref="WebhookOptions.MaxAttempts"/>.
/// Each round also deletes deliveries finished more than <see cref="WebhookOptions.KeepDeliveries"/> ago.
/// </summary>
internal sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes, JobLeases leases, IHttpClientFactory clients, WebhookSecrets secrets, WebhookOptions options, TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string LeaseName = "webhook-delivery";
    public const string HttpClientName = "webhooks";
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PollInterval, time);
        do
        {
            try
            {
                // long enough for a full batch of attempts that all time out
                if (await leases.TryAcquireAsync(LeaseName, options.Timeout * (BatchSize + 1), stoppingToken))
                {
                    try
                    {
                        await DeliverDueAsync(stoppingToken);
                    }
                    finally
                    {
                        await leases.ReleaseAsync(LeaseName, stoppingToken);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // a failed round (database briefly unavailable) must not stop later ones
                LogRoundFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task DeliverDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        // finished deliveries are only the log's; without this the outbox grows with every event for ever
        var forgotten = now - options.KeepDeliveries;
        await db.WebhookDeliveries.Where(d => d.NextAttemptAt == null && d.CreatedAt < forgotten).ExecuteDeleteAsync(ct);
        var due = await db.WebhookDeliveries.Where(d => d.NextAttemptAt <= now).OrderBy(d => d.NextAttemptAt).Take(BatchSize)
            .Join(db.Webhooks, d => d.WebhookId, w => w.Id, (d, w) => new { Delivery = d, w.Url, w.ProtectedSecret }).ToListAsync(ct);
        foreach (var item in due)
        {
            await AttemptAsync(item.Delivery, item.Url, secrets.Unprotect(item.ProtectedSecret), ct);
            await db.SaveChangesAsync(ct);
        }
    }

    private async Task AttemptAsync(WebhookDelivery delivery, string url, string secret, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        delivery.Attempts++;
        delivery.LastAttemptAt = now.UtcDateTime;
        (delivery.LastStatus, delivery.LastError) = (null, null);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json") };
            request.Headers.Add(WebhookSignature.Header, WebhookSignature.Of(secret, now.ToUnixTimeSeconds(), delivery.Body));
            request.Headers.Add("FaceAttendance-Event-Id", delivery.EventId.ToString());
            request.Headers.Add("FaceAttendance-Event-Type", delivery.EventType);
            // the status is the answer: the body is never read, so a receiver cannot fill memory or stall the round with it
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            delivery.LastStatus = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                (delivery.DeliveredAt, delivery.NextAttemptAt) = (now.UtcDateTime, null);
                return;
            }
            delivery.LastError = $"answered {(int)response.StatusCode} {response.ReasonPhrase}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            delivery.LastError = e is TaskCanceledException ? $"no answer within {options.Timeout.TotalSeconds:0} s" : e.Message;
        }
        delivery.NextAttemptAt = delivery.Attempts >= options.MaxAttempts
            ? null
            : now.UtcDateTime + options.FirstRetryDelay * Math.Pow(2, delivery.Attempts - 1);
        LogAttemptFailed(logger, delivery.Id, delivery.Attempts, delivery.LastError);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook delivery round failed")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} attempt {Attempt} failed: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, Guid deliveryId, int attempt, string? error);
}
