using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Kiosks;
using Microsoft.AspNetCore.RateLimiting;

namespace FaceAttendance.Web.Http;

/// <summary>
/// A request limit per paired kiosk on the kiosk endpoints: each scan runs the face engine, so one kiosk (or a stolen
/// kiosk token) cannot keep the server's cores busy. Pairing attempts, the only kiosk requests without a kiosk
/// credential that get this far (the others are refused with 401 before it), share a budget per client address (per /64
/// network for IPv6); behind a reverse proxy that is the proxy's address unless forwarded headers are configured.
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
                // authorization ran first, so a paired kiosk is known here
                var client = http.Features.Get<PairedKiosk>() is { } kiosk ? $"kiosk {kiosk.Id}" : ClientOf(http.Connection.RemoteIpAddress);
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
                    $"Too many kiosk requests from this kiosk or address; try again in {seconds} s.").ExecuteAsync(http);
            };
        });

    /// <summary>Whose budget a request spends: an IPv4 address's own, an IPv6 address's /64 (one subscriber's network,
    /// in which a client can pick a new address for every request).</summary>
    public static string ClientOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
