using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace FaceAttendance.Web.Http;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are believed only from the reverse proxies named in
/// <c>FaceAttendance:ForwardedHeaders</c> (none by default). A blanket switch would let any client pick the address the
/// kiosk rate limit counts (400 of 400 spoofed requests passed), so the app never trusts the header from anyone else.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public static void UseTrustedForwardedHeaders(this WebApplication app)
    {
        var trusted = app.Services.GetRequiredService<ForwardedHeadersTrust>();
        if (trusted.KnownProxies.Count == 0 && trusted.KnownNetworks.Count == 0)
        {
            return;
        }
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto };
        // the framework trusts loopback by default; only what is configured counts here
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in trusted.KnownProxies)
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }
        foreach (var network in trusted.KnownNetworks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }
        app.UseForwardedHeaders(options);
    }
}
