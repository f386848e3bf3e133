using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Admin;

/// <summary>Admin access: the <c>X-Api-Key</c> header for API clients or the admin cookie for the pages.</summary>
public static class AdminAuth
{
    public const string CookieScheme = "AdminCookie";
    public const string ApiKeyScheme = "ApiKey";
    public const string ApiKeyHeader = "X-Api-Key";
    public const string LoginPath = "/admin/login";
    /// <summary>A page a role may not open redirects here (Pages/Admin/Denied).</summary>
    public const string AccessDeniedPath = "/admin/denied";
    internal const string SelectorScheme = "AdminCookieOrApiKey";
    private const string CookieName = "FaceAttendance.Admin";

    internal static void AddAdminAuth(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AdminOptions>(AdminOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<AdminOptions>, AdminOptionsValidator>();
        builder.Services.AddSingleton(sp => new AdminCredentials(sp.GetRequiredService<AdminOptions>(), sp.GetRequiredService<DataDirOptions>(),
            sp.GetRequiredService<IServiceScopeFactory>(), Console.Out));
        builder.Services.AddScoped<AdminSignIn>();
        builder.Services.AddScoped<TwoFactor>();
        builder.Services.AddValidatedOptions<AccountsOptions>(AccountsOptions.Section);
        builder.Services.AddSingleton<DeviceCookie>();
        builder.AddAccounts();
        builder.Services.AddSingleton<LoginThrottle>();
        builder.Services.AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, null, o => o.ForwardDefaultSelector =
                http => http.Request.Headers.ContainsKey(ApiKeyHeader) ? ApiKeyScheme : CookieScheme)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyScheme, null)
            .AddCookie(CookieScheme, o =>
            {
                o.Cookie.Name = CookieName;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.LoginPath = LoginPath;
                o.AccessDeniedPath = AccessDeniedPath;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                // API clients get a status code to act on, not a redirect to an HTML login form
                o.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = AccountCookie.ValidateAsync;
            });
        builder.Services.AddAuthorizationBuilder().AddRolePolicies();
    }

    /// <summary>Whether the request carries an admin credential (valid or not).</summary>
    internal static bool HasCredential(HttpRequest request) => request.Headers.ContainsKey(ApiKeyHeader) || HasCookie(request);

    internal static bool HasCookie(HttpRequest request) => request.Cookies.ContainsKey(CookieName);

    /// <summary>Creates or loads the credentials at start, so generated ones are printed before the first request.</summary>
    internal static void EnsureAdminCredentials(this WebApplication app) => app.Services.GetRequiredService<AdminCredentials>();

    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/metrics"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            // relative, so a CDN or proxy in front (CloudFront before API Gateway) keeps the browser on its own host
            var target = new Uri(context.RedirectUri, UriKind.RelativeOrAbsolute);
            context.Response.Redirect(target.IsAbsoluteUri ? target.PathAndQuery : context.RedirectUri);
        }
        return Task.CompletedTask;
    }
}
