namespace FaceAttendance.Web.Data;

/// <summary>One event for one webhook: the outbox row, written in the same save as what it reports, and its delivery
/// log. Pending while <see cref="NextAttemptAt"/> is set; delivered when <see cref="DeliveredAt"/> is; else given up.</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid WebhookId { get; set; }

    /// <summary>The event's id, the same in every webhook's delivery of it and in every retry: a receiver's idempotency key.</summary>
    public Guid EventId { get; set; }
    public required string EventType { get; set; }

    /// <summary>The JSON body, exactly as signed and sent.</summary>
    public required string Body { get; set; }

    public DateTime CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public DateTime? LastAttemptAt { get; set; }

    /// <summary>The receiver's HTTP status at the last attempt; null when none came (refused, timed out).</summary>
    public int? LastStatus { get; set; }
    public string? LastError { get; set; }
    public DateTime? DeliveredAt { get; set; }
}
