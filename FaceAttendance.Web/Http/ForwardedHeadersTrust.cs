using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Http;

/// <summary>The reverse proxies whose X-Forwarded-For / X-Forwarded-Proto the app believes; empty: nobody's.</summary>
public sealed class ForwardedHeadersTrust
{
    public const string Section = "FaceAttendance:ForwardedHeaders";

    /// <summary>Proxy addresses, e.g. "10.0.0.5".</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form, e.g. "10.0.0.0/8".</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

internal sealed class ForwardedHeadersTrustValidator : IValidateOptions<ForwardedHeadersTrust>
{
    public ValidateOptionsResult Validate(string? name, ForwardedHeadersTrust options)
    {
        var failures = options.KnownProxies.Where(proxy => !System.Net.IPAddress.TryParse(proxy, out _))
            .Select(proxy => $"FaceAttendance:ForwardedHeaders:KnownProxies '{proxy}' is not an IP address.")
            .Concat(options.KnownNetworks.Where(network => !System.Net.IPNetwork.TryParse(network, out _))
                .Select(network => $"FaceAttendance:ForwardedHeaders:KnownNetworks '{network}' is not a network in CIDR form (e.g. 10.0.0.0/8)."))
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
