namespace FaceAttendance.Web.Data;

/// <summary>A URL that receives the chosen <see cref="Webhooks.WebhookEvents"/>, each delivery signed with its secret.</summary>
public sealed class Webhook
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public required string Url { get; set; }

    /// <summary>The event types it receives, space-separated.</summary>
    public required string Events { get; set; }

    /// <summary>The signing secret, encrypted with the app's Data Protection key ring (signing needs it back; it is
    /// shown once, when made or rotated).</summary>
    public required string ProtectedSecret { get; set; }

    public DateTime CreatedAt { get; set; }

    public IReadOnlyList<string> EventList => Events.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
