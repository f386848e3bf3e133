using FaceAttendance.Web.Storage;

namespace FaceAttendance.Web.Http;

/// <summary>
/// Headers on every response: no MIME sniffing, no referrer, no framing (the kiosk page could be framed and clicked
/// through), the camera only for the two pages that use it (the kiosk and the person page's webcam enrolment), and
/// no caching of the admin API and pages, which carry face photos and personal data. HSTS is added on HTTPS outside
/// Development. The Content-Security-Policy allows scripts, styles and fonts from the app itself only (no inline
/// script), and uploads to the app or, in S3 mode, the bucket's endpoint (<see cref="IObjectStore.UploadOrigin"/>). The
/// API reference at /scalar is the one page left out of it: its generated page runs inline script (and it is admin-only
/// outside Development).
/// </summary>
internal static class SecurityHeaders
{
    public static void UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        var policy = ContentSecurityPolicy(app.Services.GetRequiredService<IObjectStore>().UploadOrigin);
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                var path = context.Request.Path;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = path.StartsWithSegments("/scalar") ? "frame-ancestors 'none'" : policy;
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

    private static string ContentSecurityPolicy(string? uploadOrigin)
    {
        // the kiosk PUTs snapshots straight to the store when it is not the app (S3)
        var uploads = uploadOrigin is null ? "" : $" {uploadOrigin}";
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
            $"connect-src 'self'{uploads}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    private static bool UsesCamera(PathString path) =>
        path == "/" || path.StartsWithSegments("/admin/people/details", StringComparison.OrdinalIgnoreCase);
}
