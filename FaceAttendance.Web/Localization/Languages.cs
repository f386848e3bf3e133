using System.ComponentModel.DataAnnotations;
using System.Globalization;
using FaceAttendance.Web.Kiosks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Localization;

namespace FaceAttendance.Web.Localization;

/// <summary>
/// The languages the kiosk and the admin pages speak, and how a request gets one: the kiosk page takes its kiosk's
/// language (Admin › Kiosks) and otherwise the browser's; admin pages take the language chosen in their top bar (a
/// cookie) and otherwise the browser's. Texts are in <c>Resources/Localization/*.resx</c>, one file per language;
/// the API's ProblemDetails stay in English (they are for programs and logs; the kiosk says them by their code).
/// </summary>
public static class Languages
{
    /// <summary>The first is the default, and the language of the resource files without a culture in their name.</summary>
    public static readonly IReadOnlyList<string> Supported = ["en", "es", "de"];

    /// <summary>Each language's name in itself, for the choices in the admin top bar and a kiosk's settings.</summary>
    public static string NativeName(string language) =>
        CultureInfo.GetCultureInfo(language) is var culture ? culture.TextInfo.ToTitleCase(culture.NativeName) : language;

    public static void AddLanguages(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
        builder.Services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Supported[0]).AddSupportedCultures([.. Supported]).AddSupportedUICultures([.. Supported]);
            // "es-MX" in Accept-Language is served Spanish texts with Mexican dates and numbers
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders =
            [
                new CustomRequestCultureProvider(KioskLanguageAsync),
                new AdminChoiceProvider(),
                new AcceptLanguageHeaderRequestCultureProvider(),
            ];
        });
    }

    /// <summary>After authentication: the kiosk page asks which kiosk this browser is.</summary>
    public static void UseLanguages(this WebApplication app) => app.UseRequestLocalization();

    /// <summary>The kiosk page of a paired kiosk with a language set: that language, whatever the browser says.</summary>
    private static async Task<ProviderCultureResult?> KioskLanguageAsync(HttpContext http)
    {
        if (!IsKioskPage(http.Request))
        {
            return null;
        }
        var paired = await http.AuthenticateAsync(KioskAuth.Scheme);
        return paired.Succeeded && PairedKiosk.Of(http).Language is { } language ? new ProviderCultureResult(language) : null;
    }

    private static bool IsKioskPage(HttpRequest request) => request.Path == "/";

    /// <summary>The language chosen in the admin top bar: a cookie that applies to the admin pages only, so a browser
    /// that is an admin's and a kiosk at once still shows the kiosk in the kiosk's or the browser's language.</summary>
    private sealed class AdminChoiceProvider : CookieRequestCultureProvider
    {
        public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext) =>
            IsKioskPage(httpContext.Request) ? NullProviderCultureResult : base.DetermineProviderCultureResult(httpContext);
    }

    /// <summary>Sets the admin language cookie for a year (essential: without it the choice would not stick).</summary>
    public static void RememberAdminChoice(HttpResponse response, string language) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = response.HttpContext.Request.IsHttps });
}

/// <summary>One of <see cref="Languages.Supported"/>, or null (the browser's language).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class SupportedLanguageAttribute() : ValidationAttribute($"Choose one of {string.Join(", ", Languages.Supported)}, or none for the browser's language.")
{
    public override bool IsValid(object? value) => value is null || (value is string language && Languages.Supported.Contains(language));
}
