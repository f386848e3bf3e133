using FaceAttendance.Web.Http;

namespace FaceAttendance.Web.Admin;

/// <summary>
/// Refuses an API write that the admin cookie authenticates when the browser says another site sent it. SameSite=Strict
/// does not stop a sibling subdomain (same site, other origin), and a form post needs no CORS preflight. Fetch metadata
/// (<c>Sec-Fetch-Site</c>) decides when present; otherwise an <c>Origin</c> other than this request's own (scheme and host
/// as the forwarded headers left them). A request with neither (a script holding a cookie) and API keys pass.
/// </summary>
internal static class CrossSiteRequests
{
    public static void UseCrossSiteRefusal(this WebApplication app) => app.Use(async (http, next) =>
    {
        if (IsCrossSiteCookieWrite(http.Request) && http.User.Identity?.IsAuthenticated == true)
        {
            await Problems.Of(StatusCodes.Status403Forbidden, "cross-site-request",
                "This browser says another site sent this request; the admin pages' own requests are same-origin.").ExecuteAsync(http);
            return;
        }
        await next(http);
    });

    private static bool IsCrossSiteCookieWrite(HttpRequest request)
    {
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || !request.Path.StartsWithSegments("/api") || request.Headers.ContainsKey(AdminAuth.ApiKeyHeader) || !AdminAuth.HasCookie(request))
        {
            return false;
        }
        // "none" is someone typing the URL or following a bookmark
        if (request.Headers["Sec-Fetch-Site"] is [{ } site])
        {
            return site is not ("same-origin" or "none");
        }
        return request.Headers.Origin is [{ } origin]
            && !(Uri.TryCreate(origin, UriKind.Absolute, out var sender)
                && Uri.Compare(sender, new Uri($"{request.Scheme}://{request.Host}"), UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0);
    }
}
