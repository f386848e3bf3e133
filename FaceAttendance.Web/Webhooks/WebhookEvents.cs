using System.Text.Json;
using FaceAttendance.Web.Data;

namespace FaceAttendance.Web.Webhooks;

/// <summary>The event types a webhook may receive, and the body each delivery carries (docs/timeclock.md):
/// <c>{"id", "type", "createdAt", "data"}</c>.</summary>
public static class WebhookEvents
{
    /// <summary>A kiosk recorded an event: <c>attendance.</c> and the kind in snake case.</summary>
    public static string Attendance(AttendanceKind kind) => "attendance." + KindName(kind);

    /// <summary>"in", "out", "break_start": an event's kind as the bodies name it.</summary>
    public static string KindName(AttendanceKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    public const string UnknownFace = "face.unknown";
    public const string Corrected = "attendance.corrected";
    public const string Approved = "hours.approved";
    /// <summary>Sent by "Send test event" to one webhook, whatever it chose.</summary>
    public const string Test = "webhook.test";

    /// <summary>What a webhook may choose (the break kinds come with explicit punch buttons).</summary>
    public static readonly IReadOnlyList<string> All = [.. Enum.GetValues<AttendanceKind>().Select(Attendance), UnknownFace, Corrected, Approved];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerOptions.Web);

    private sealed record Envelope(Guid Id, string Type, DateTime CreatedAt, object Data);

    public static string Body(Guid eventId, string type, DateTime createdAt, object data) =>
        JsonSerializer.Serialize(new Envelope(eventId, type, createdAt, data), Json);

    /// <summary>The outbox row that sends one event to one webhook, due at once.</summary>
    public static WebhookDelivery Delivery(Guid webhookId, Guid eventId, string type, string body, DateTime now) => new()
    {
        WebhookId = webhookId, EventId = eventId, EventType = type, Body = body, CreatedAt = now, NextAttemptAt = now,
    };
}
