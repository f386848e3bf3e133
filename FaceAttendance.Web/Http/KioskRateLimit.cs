using System.Globalization;
using System.Threading.RateLimiting;
using FaceAttendance.Web.Attendance;
using Microsoft.AspNetCore.RateLimiting;

namespace FaceAttendance.Web.Http;

/// <summary>
/// A per-client-address request limit on the anonymous kiosk endpoints: each scan runs the face engine, so without it
/// anyone who can reach the kiosk page can keep the server's cores busy. Behind a reverse proxy the client address is
/// the proxy's unless forwarded headers are configured, and all kiosks then share one budget.
/// </summary>
internal static class KioskRateLimit
{
    public const string Policy = "kiosk";

    /// <summary>Puts the endpoints of <paramref name="group"/> under the kiosk limit (and documents its 429).</summary>
    public static RouteGroupBuilder WithKioskRateLimit(this RouteGroupBuilder group) =>
        group.RequireRateLimiting(Policy).ProducesProblem(StatusCodes.Status429TooManyRequests);

    public static void AddKioskRateLimit(this WebApplicationBuilder builder) =>
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<KioskOptions>().RequestsPerMinute;
                var client = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                return perMinute == 0
                    ? RateLimitPartition.GetNoLimiter(client)
                    : RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = perMinute,
                        Window = TimeSpan.FromMinutes(1),
                        QueueLimit = 0,
                    });
            });
            limiter.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
                var seconds = Math.Ceiling(wait.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                http.Response.Headers.RetryAfter = seconds;
                await Problems.Of(StatusCodes.Status429TooManyRequests, "too-many-requests",
                    $"Too many kiosk requests from this address; try again in {seconds} s.").ExecuteAsync(http);
            };
        });
}
