using FaceAttendance.Web.Aws.S3;
using FaceAttendance.Web.Configuration;

namespace FaceAttendance.Web.Api;

/// <summary>
/// Headers on every response: no MIME sniffing, no referrer, no framing (the kiosk page could be framed and clicked
/// through), the camera only for the two pages that use it (the kiosk and the person page's webcam enrolment), and
/// no caching of the admin API and pages, which carry face photos and personal data. HSTS is added on HTTPS outside
/// Development. The Content-Security-Policy allows scripts, styles and fonts from the app itself only (no inline
/// script), and uploads to the app or, in S3 mode, the bucket's endpoint. The API reference at /scalar is the one page
/// left out of it: its generated page runs inline script (and it is admin-only outside Development).
/// </summary>
internal static class SecurityHeaders
{
    public static void UseSecurityHeaders(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }
        var policy = ContentSecurityPolicy(app.Services.GetRequiredService<FaceAttendanceOptions>(), app.Configuration);
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

    private static string ContentSecurityPolicy(FaceAttendanceOptions options, IConfiguration configuration)
    {
        // the kiosk PUTs snapshots straight to S3: its endpoint, or any of AWS's (bucket and region name the host)
        var uploads = options.Storage.Provider != StorageProvider.S3 ? ""
            : configuration.GetSection(S3StoreOptions.Section).Get<S3StoreOptions>()?.ServiceUrl is { } serviceUrl
                ? $" {serviceUrl.GetLeftPart(UriPartial.Authority)}"
                : " https://*.amazonaws.com";
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
            $"connect-src 'self'{uploads}; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    }

    private static bool UsesCamera(PathString path) =>
        path == "/" || path.StartsWithSegments("/admin/people/details", StringComparison.OrdinalIgnoreCase);
}
