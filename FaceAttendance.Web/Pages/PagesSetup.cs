using FaceAttendance.Web.Admin;

namespace FaceAttendance.Web.Pages;

internal static class PagesSetup
{
    /// <summary>The kiosk and the admin pages. Everything under /Admin needs the admin cookie except the login page.</summary>
    public static void AddPages(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(pages => pages.Conventions
            .AuthorizeFolder("/Admin", AdminAuth.Policy)
            .AllowAnonymousToPage("/Admin/Login"));
        // links read /admin/people rather than /Admin/People
        builder.Services.Configure<RouteOptions>(routes => routes.LowercaseUrls = true);
    }

    public static void MapPages(this WebApplication app)
    {
        app.MapStaticAssets();
        app.MapRazorPages().WithStaticAssets();
    }
}
