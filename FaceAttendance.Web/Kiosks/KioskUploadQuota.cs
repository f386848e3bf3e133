using System.Threading.RateLimiting;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Http;

namespace FaceAttendance.Web.Kiosks;

/// <summary>How many frames each kiosk may upload or post in an hour (<see cref="KioskOptions.UploadsPerHour"/>), so
/// one kiosk, or a stolen kiosk token, cannot fill the store. Counted per instance.</summary>
public sealed class KioskUploadQuota(KioskOptions options) : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> _limiter = PartitionedRateLimiter.Create<Guid, Guid>(kiosk =>
        RateLimitPartition.GetFixedWindowLimiter(kiosk, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.UploadsPerHour,
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    /// <summary>Takes <paramref name="count"/> uploads (a burst's frames) from the kiosk's quota; why not when it is used up.</summary>
    public Refusal? Take(Guid kioskId, int count = 1)
    {
        using var lease = _limiter.AttemptAcquire(kioskId, count);
        return lease.IsAcquired
            ? null
            : new Refusal(StatusCodes.Status429TooManyRequests, "upload-quota-exceeded",
                $"This kiosk has sent its {options.UploadsPerHour} frames for this hour; try again later or ask an admin to raise Kiosk:UploadsPerHour.");
    }

    public void Dispose() => _limiter.Dispose();
}
