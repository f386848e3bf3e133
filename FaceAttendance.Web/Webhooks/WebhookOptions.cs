using System.ComponentModel.DataAnnotations;

namespace FaceAttendance.Web.Webhooks;

/// <summary><c>FaceAttendance:Webhooks</c>: how the outbox is delivered (<see cref="WebhookDispatcher"/>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "FaceAttendance:Webhooks";

    /// <summary>How often the outbox is read for deliveries that are due.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts in all, the first included; then the delivery is given up (and stays in the log).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long a delivered or given-up delivery stays in the log (and the outbox) before it is deleted.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan KeepDeliveries { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a receiver has to answer one attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
