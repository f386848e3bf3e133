using System.Security.Claims;
using System.Text.Encodings.Web;
using FaceAttendance.Web.Admin;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Tests.Web.Support;

/// <summary>A test-only way to be any role: a request with <c>X-Test-Role: Viewer</c> is a signed-in account of that
/// role, minted by <see cref="TestRoleHandler"/> in place of the admin cookie or API key. Without the header the app's
/// own schemes answer as usual.</summary>
public static class TestRoles
{
    public const string Header = "X-Test-Role";
    private const string Scheme = "TestRole";

    /// <summary>An app that also takes <see cref="Header"/>; <paramref name="production"/> maps what Development leaves
    /// open (the API docs) as a real install does, and turns on the routes only some settings map.</summary>
    public static FaceAttendanceApp App(bool production = false) => new(
        settings: production
            ? new()
            {
                ["FaceAttendance:Metrics:Prometheus"] = "true",
                ["FaceAttendance:RekognitionEndpoint:Enabled"] = "true",
                ["FaceAttendance:RekognitionEndpoint:AccessKeys:0:AccessKeyId"] = "AKIDTESTROUTETABLE",
                ["FaceAttendance:RekognitionEndpoint:AccessKeys:0:SecretAccessKey"] = "route-table-secret-0123456789",
            }
            : null,
        host: builder =>
        {
            if (production)
            {
                builder.UseEnvironment("Production");
            }
            builder.ConfigureTestServices(services =>
            {
                services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestRoleHandler>(Scheme, null);
                services.PostConfigure<PolicySchemeOptions>(AdminAuth.SelectorScheme, o =>
                {
                    var app = o.ForwardDefaultSelector!;
                    o.ForwardDefaultSelector = http => http.Request.Headers.ContainsKey(Header) ? Scheme : app(http);
                });
            });
        });

    public static HttpClient CreateClient(this FaceAttendanceApp app, string role)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(Header, role);
        return client;
    }

    /// <summary>Every route the app serves ("METHOD pattern", a Razor page as "PAGE /Admin/People/Index") and the
    /// policies that guard it, joined by " + ", or "anonymous".</summary>
    public static Dictionary<string, string> RouteTable(FaceAttendanceApp app)
    {
        using var _ = app.CreateClient(); // starts the host
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var table = new Dictionary<string, string>();
        foreach (var endpoint in endpoints)
        {
            var page = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.CompiledPageActionDescriptor>();
            var methods = page is not null ? ["PAGE"] : endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"];
            var policies = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null
                ? "anonymous"
                : endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "(default)").Distinct().Order(StringComparer.Ordinal)
                    .DefaultIfEmpty("anonymous").Aggregate((a, b) => $"{a} + {b}");
            foreach (var method in methods)
            {
                table[$"{method} /{endpoint.RoutePattern.RawText?.TrimStart('/')}"] = policies;
            }
        }
        return table;
    }

    private sealed class TestRoleHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var role = Request.Headers[Header].ToString();
            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, $"test {role}"), new Claim(ClaimTypes.Role, role)], Scheme.Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
        }
    }
}
