using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Admin;

/// <summary>Authenticates API clients that send the admin key in the <c>X-Api-Key</c> header, as an Owner.</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AdminCredentials credentials)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(AdminAuth.ApiKeyHeader, out var key))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        if (!credentials.IsApiKey(key.ToString()))
        {
            return Task.FromResult(AuthenticateResult.Fail("The X-Api-Key header does not hold the admin API key."));
        }
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, "api-key"), new Claim(ClaimTypes.Role, Roles.Owner)], Scheme.Name);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name)));
    }
}
