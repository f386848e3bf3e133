using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace FaceAttendance.Web.Admin;

/// <summary>Sign-in with the company's identity provider (<see cref="OidcOptions"/>): the authorization code flow with
/// PKCE, started by the login page's link to <see cref="ChallengePath"/>; the callback at <see cref="CallbackPath"/> ends in the admin cookie
/// (<see cref="OidcAccounts"/>) or back on the login page with why not (<see cref="Refusals"/>), never an error page.</summary>
internal static partial class OidcSignIn
{
    public const string Scheme = "Oidc";
    public const string CallbackPath = "/signin-oidc";
    /// <summary>Where the login page's "Sign in with" link goes: the challenge, to the provider.</summary>
    public const string ChallengePath = "/admin/login/provider";
    /// <summary>The login page's query parameter naming a refusal.</summary>
    public const string RefusalParameter = "signin";

    /// <summary>Why a sign-in with the provider did not open the app: the status and sentence of the login page
    /// ({0} is the provider's display name).</summary>
    public static readonly IReadOnlyDictionary<string, (int Status, string Sentence)> Refusals = new Dictionary<string, (int, string)>
    {
        ["not-allowed"] = (StatusCodes.Status403Forbidden, "Your {0} account may not sign in here: neither its email domain nor its groups are allowed. Ask an Owner."),
        ["no-role"] = (StatusCodes.Status403Forbidden, "Your {0} account has no role here: none of its groups is mapped to one. Ask an Owner."),
        ["email-taken"] = (StatusCodes.Status403Forbidden, "An account with your email exists already, and {0} does not say the email is verified: sign in with that account's password."),
        ["locked"] = (StatusCodes.Status403Forbidden, "This account is locked. Try again later or ask an Owner."),
        ["disabled"] = (StatusCodes.Status403Forbidden, "This account is disabled. Ask an Owner."),
        ["failed"] = (StatusCodes.Status400BadRequest, "The sign-in with {0} did not complete: it expired, was started in another browser, or was refused there. Try again."),
    };

    public static void AddOidcSignIn(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<OidcOptions>(OidcOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<OidcOptions>, OidcOptionsValidator>();
        builder.Services.AddScoped<OidcAccounts>();
        if (builder.Configuration.GetSection(OidcOptions.Section).Get<OidcOptions>() is not { Enabled: true })
        {
            return;
        }
        builder.Services.AddAuthentication().AddOpenIdConnect(Scheme, _ => { });
        builder.Services.AddOptions<OpenIdConnectOptions>(Scheme).Configure<OidcOptions>((o, oidc) =>
        {
            o.Authority = oidc.Authority;
            o.ClientId = oidc.ClientId;
            o.ClientSecret = oidc.ClientSecret;
            o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            o.CallbackPath = CallbackPath;
            o.ResponseType = OpenIdConnectResponseType.Code;
            o.UsePkce = true;
            // back by a top-level GET, which carries SameSite=Lax cookies over http too; form_post would need
            // SameSite=None cookies, which browsers drop without https
            o.ResponseMode = OpenIdConnectResponseMode.Query;
            o.CorrelationCookie.SameSite = o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Scope.Add("email");
            foreach (var scope in oidc.Scopes)
            {
                o.Scope.Add(scope);
            }
            // the provider's claim names as they are ("sub", "email", "groups"), also those only userinfo answers
            o.MapInboundClaims = false;
            o.GetClaimsFromUserInfoEndpoint = true;
            o.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
            o.ClaimActions.MapJsonKey(oidc.RoleClaim, oidc.RoleClaim);
            o.SignInScheme = AdminAuth.CookieScheme;
            o.Events.OnTicketReceived = SignInAsync;
            o.Events.OnRemoteFailure = context =>
            {
                LogFailed(context.HttpContext.RequestServices.GetRequiredService<ILogger<OidcAccounts>>(), context.Failure?.Message);
                context.Response.Redirect(LoginPage("failed"));
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>A link's GET, not a form's POST: a form redirected to the provider would break the pages'
    /// Content-Security-Policy (form-action 'self'). The correlation cookie and state stop a sign-in started elsewhere.</summary>
    public static void MapOidcSignIn(this IEndpointRouteBuilder routes) =>
        routes.MapGet(ChallengePath, Challenge).AllowAnonymous().ExcludeFromDescription();

    private static Results<ChallengeHttpResult, ProblemHttpResult> Challenge(string? returnUrl, OidcOptions oidc) => oidc.Enabled
        ? TypedResults.Challenge(new AuthenticationProperties { RedirectUri = IsPageOfThisSite(returnUrl) ? returnUrl : "/admin" }, [Scheme])
        : Problems.NotFound("oidc-not-configured", "Sign-in with an identity provider is not configured here.");

    /// <summary>Only ever back to a page of this site, never to a URL someone put in the link. Url.IsLocalUrl's rule
    /// (not reachable outside MVC's UrlHelper): a browser drops tabs and newlines, so "/\t/evil.test" would be "//evil.test".</summary>
    private static bool IsPageOfThisSite(string? returnUrl) =>
        returnUrl is ['/'] or ['/', not ('/' or '\\'), ..] && !returnUrl.Any(c => char.IsControl(c) || char.IsWhiteSpace(c));

    private static async Task SignInAsync(TicketReceivedContext context)
    {
        context.HandleResponse();
        var refusal = await context.HttpContext.RequestServices.GetRequiredService<OidcAccounts>().SignInAsync(context.HttpContext, context.Principal!);
        if (refusal is not null)
        {
            context.Response.Redirect(LoginPage(refusal));
            return;
        }
        // the admin cookie is SameSite=Strict, which a browser withholds for the rest of a redirect chain that the
        // provider started: the last step is this site's own page moving on, a same-site navigation that carries it
        var next = HtmlEncoder.Default.Encode(context.ReturnUri ?? "/admin");
        context.Response.ContentType = "text/html; charset=utf-8";
        await context.Response.WriteAsync(
            $"<!doctype html><meta http-equiv=\"refresh\" content=\"0;url={next}\"><title>Signed in</title><p>Signed in. <a href=\"{next}\">Continue</a></p>");
    }

    private static string LoginPage(string refusal) => $"{AdminAuth.LoginPath}?{RefusalParameter}={refusal}";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sign-in with the identity provider failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string? reason);
}
