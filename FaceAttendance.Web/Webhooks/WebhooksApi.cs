using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Webhooks;

public sealed record WebhookRequest(string? Url, string[]? Events);
public sealed record WebhookResponse(Guid Id, string Url, IReadOnlyList<string> Events, DateTime CreatedAt)
{
    public static WebhookResponse From(Webhook w) => new(w.Id, w.Url, w.EventList, w.CreatedAt);
}
/// <summary>The secret is shown here only, once: when the webhook is made and when it is rotated.</summary>
public sealed record WebhookSecretResponse(Guid Id, string Url, IReadOnlyList<string> Events, string Secret);
public sealed record DeliveryResponse(
    Guid Id, Guid EventId, string EventType, DateTime CreatedAt, string State, int Attempts, DateTime? LastAttemptAt, int? LastStatus,
    string? LastError, DateTime? NextAttemptAt, DateTime? DeliveredAt)
{
    public static DeliveryResponse From(WebhookDelivery d) => new(d.Id, d.EventId, d.EventType, d.CreatedAt,
        d.DeliveredAt is not null ? "delivered" : d.NextAttemptAt is not null ? "pending" : "failed",
        d.Attempts, d.LastAttemptAt, d.LastStatus, d.LastError, d.NextAttemptAt, d.DeliveredAt);
}

/// <summary><c>/api/webhooks</c>: Owners and Admins register URLs for event types, rotate secrets, send a test event and
/// read each webhook's delivery log (<see cref="Webhooks"/>). Each change is audited.</summary>
internal static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/webhooks").RequireAuthorization(Policies.CanManageWebhooks).WithTags("Webhooks")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapGet("", List);
        group.MapPost("", Create).WithDescription("Registers a URL for event types; answers the signing secret, once.");
        group.MapDelete("/{id:guid}", Delete);
        group.MapPost("/{id:guid}/secret", RotateSecret).WithDescription("Replaces the signing secret; answers the new one, once.");
        group.MapPost("/{id:guid}/test", SendTest).WithDescription("Queues a webhook.test event to this webhook only.");
        group.MapGet("/{id:guid}/deliveries", Deliveries).WithDescription("The latest 100 deliveries, newest first, each with its last attempt.");
        return group;
    }

    public static async Task<Ok<List<WebhookResponse>>> List(AttendanceDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Webhooks.AsNoTracking().OrderBy(w => w.CreatedAt).ToListAsync(ct)).Select(WebhookResponse.From).ToList());

    public static async Task<Results<Created<WebhookSecretResponse>, ProblemHttpResult>> Create(
        WebhookRequest request, AttendanceDbContext db, WebhookSecrets secrets, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        if ((WebhookUrls.Refusal(request.Url) ?? EventsRefusal(request.Events)) is { } refusal)
        {
            return refusal.ToProblem();
        }
        var secret = WebhookSignature.NewSecret();
        var webhook = new Webhook
        {
            Url = request.Url!, Events = string.Join(' ', request.Events!.Distinct()), ProtectedSecret = secrets.Protect(secret),
            CreatedAt = time.GetUtcNow().UtcDateTime,
        };
        db.Webhooks.Add(webhook);
        db.AuditEntries.Add(AuditTrail.Entry(http, time, "webhook.created", webhook.Id.ToString(), $"{webhook.Url} for {webhook.Events}"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/webhooks/{webhook.Id}", new WebhookSecretResponse(webhook.Id, webhook.Url, webhook.EventList, secret));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(Guid id, AttendanceDbContext db, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        if (await db.Webhooks.FindAsync([id], ct) is not { } webhook)
        {
            return NotFound(id);
        }
        db.Webhooks.Remove(webhook);
        db.AuditEntries.Add(AuditTrail.Entry(http, time, "webhook.deleted", id.ToString(), webhook.Url));
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<WebhookSecretResponse>, ProblemHttpResult>> RotateSecret(
        Guid id, AttendanceDbContext db, WebhookSecrets secrets, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        if (await db.Webhooks.FindAsync([id], ct) is not { } webhook)
        {
            return NotFound(id);
        }
        var secret = WebhookSignature.NewSecret();
        webhook.ProtectedSecret = secrets.Protect(secret);
        db.AuditEntries.Add(AuditTrail.Entry(http, time, "webhook.secret-rotated", id.ToString(), webhook.Url));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new WebhookSecretResponse(webhook.Id, webhook.Url, webhook.EventList, secret));
    }

    public static async Task<Results<Accepted<DeliveryResponse>, ProblemHttpResult>> SendTest(
        Guid id, AttendanceDbContext db, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        if (!await db.Webhooks.AnyAsync(w => w.Id == id, ct))
        {
            return NotFound(id);
        }
        var now = time.GetUtcNow().UtcDateTime;
        var eventId = Guid.CreateVersion7();
        var delivery = WebhookEvents.Delivery(id, eventId, WebhookEvents.Test,
            WebhookEvents.Body(eventId, WebhookEvents.Test, now, new { SentBy = AuditTrail.Actor(http) }), now);
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/webhooks/{id}/deliveries", DeliveryResponse.From(delivery));
    }

    public static async Task<Results<Ok<List<DeliveryResponse>>, ProblemHttpResult>> Deliveries(Guid id, AttendanceDbContext db, CancellationToken ct)
    {
        if (!await db.Webhooks.AnyAsync(w => w.Id == id, ct))
        {
            return NotFound(id);
        }
        var deliveries = await db.WebhookDeliveries.AsNoTracking().Where(d => d.WebhookId == id)
            .OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id).Take(100).ToListAsync(ct);
        return TypedResults.Ok(deliveries.Select(DeliveryResponse.From).ToList());
    }

    private static Refusal? EventsRefusal(string[]? events) => events is { Length: > 0 } && events.All(WebhookEvents.All.Contains)
        ? null
        : new(StatusCodes.Status400BadRequest, "unknown-event-type", $"Choose one or more of: {string.Join(", ", WebhookEvents.All)}.");

    private static ProblemHttpResult NotFound(Guid id) => Problems.NotFound("webhook-not-found", $"There is no webhook {id}.");
}
