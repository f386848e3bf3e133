namespace FaceAttendance.Web.Api;

/// <summary>
/// Headers on every response: no MIME sniffing, no referrer, no framing (the kiosk page could be framed and clicked
/// through), the camera only for the two pages that use it (the kiosk and the person page's webcam enrolment), and
/// no caching of the admin API and pages, which carry face photos and personal data. HSTS is added on HTTPS outside
/// Development. A script-source CSP is not set yet: the pages still carry inline script.
/// </summary>
internal static class SecurityHeaders
{
    public static void UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var path = context.Request.Path;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = "frame-ancestors 'none'";
                headers.XFrameOptions = "DENY";
                headers["Permissions-Policy"] = UsesCamera(path) ? "camera=(self), microphone=(), geolocation=()" : "camera=(), microphone=(), geolocation=()";
                if (path.StartsWithSegments("/api") || path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase))
                {
                    headers.CacheControl = "no-store";
                }
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static bool UsesCamera(PathString path) =>
        path == "/" || path.StartsWithSegments("/admin/people/details", StringComparison.OrdinalIgnoreCase);
}
