using System.Security.Claims;
using System.Text.Encodings.Web;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Kiosks;

/// <summary>The paired kiosk a request came from, as <see cref="KioskAuthenticationHandler"/> found it (its contact
/// already recorded).</summary>
public sealed record PairedKiosk(
    Guid Id, string Name, string Site, string TimeZone, string? Language, string? PublicKey, DateTime? SilentFrom, DateTime? SilentUntil)
{
    public static PairedKiosk Of(HttpContext http) =>
        http.Features.Get<PairedKiosk>() ?? throw new InvalidOperationException("The endpoint does not require a paired kiosk.");
}

/// <summary>Kiosk access: the device token a kiosk got at pairing, as the HttpOnly cookie a browser kiosk holds, or
/// <c>Authorization: Bearer</c> for scripts, benchmarks and the CLI.</summary>
public static class KioskAuth
{
    public const string Scheme = "Kiosk";
    public const string Policy = "Kiosk";
    public const string CookieName = "FaceAttendance.Kiosk";

    /// <summary>Uploads (POST /presign, PUT /uploads) are a kiosk's, or the photo for enrolment by key of an account
    /// that may edit people.</summary>
    public const string UploaderPolicy = "KioskOrAdmin";
    private const string UploaderScheme = "KioskOrAdmin";

    internal static void AddKiosks(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<KioskUploadQuota>();
        builder.Services.AddScoped<KioskPairing>();
        builder.Services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, KioskAuthenticationHandler>(Scheme, null)
            // an API key is an admin's upload; otherwise a browser that is an admin's and a kiosk at once (the dashboard's
            // "Use this browser as a kiosk") uploads as the kiosk
            .AddPolicyScheme(UploaderScheme, null, o => o.ForwardDefaultSelector = http =>
                http.Request.Headers.ContainsKey(AdminAuth.ApiKeyHeader) || (!HasKioskCredential(http.Request) && AdminAuth.HasCredential(http.Request))
                    ? AdminAuth.SelectorScheme
                    : Scheme);
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policy, policy => policy.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser())
            .AddPolicy(UploaderPolicy, policy => policy.AddAuthenticationSchemes(UploaderScheme).RequireAssertion(context =>
                context.User.Identity is { IsAuthenticated: true, AuthenticationType: Scheme }
                || Policies.RolesOf[Policies.CanEditPeople].Any(context.User.IsInRole)));
    }

    /// <summary>Only a paired, unrevoked kiosk reaches the endpoints of <paramref name="group"/>; anything else gets 401
    /// before its body is read.</summary>
    public static RouteGroupBuilder RequirePairedKiosk(this RouteGroupBuilder group) =>
        group.RequireAuthorization(Policy).ProducesProblem(StatusCodes.Status401Unauthorized);

    /// <summary>What a kiosk whose token was revoked or replaced is told, on any route.</summary>
    public static readonly Refusal Unpaired = new(StatusCodes.Status401Unauthorized, "kiosk-unpaired", "This kiosk was unpaired — ask an admin.");

    private static bool HasKioskCredential(HttpRequest request) => BearerToken(request) is not null || request.Cookies.ContainsKey(CookieName);

    /// <summary>The token of an <c>Authorization: Bearer</c> header, or null.</summary>
    internal static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <summary>Gives a browser its device token as a cookie script cannot read, sent only to this app.</summary>
    public static void SetCookie(HttpResponse response, string token) =>
        response.Cookies.Append(CookieName, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = response.HttpContext.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
            // the longest a browser keeps a cookie; revoking, not expiry, ends a kiosk
            MaxAge = TimeSpan.FromDays(400),
        });
}

internal sealed class KioskAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    AttendanceDbContext db, KioskOptions kiosk, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string Unpaired = "unpaired";
    private const string CrossSite = "cross-site";

    private static readonly Refusal CrossSiteRequest =
        new(StatusCodes.Status403Forbidden, "cross-site-request", "A kiosk's cookie works only from the kiosk page itself.");

    private static readonly Refusal NotPaired = new(StatusCodes.Status401Unauthorized, "kiosk-not-paired",
        "Only a paired kiosk may do this: pair it with the code an admin gets under Admin › Kiosks.");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var bearer = KioskAuth.BearerToken(Request);
        var token = bearer ?? Request.Cookies[KioskAuth.CookieName];
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }
        // SameSite=Strict keeps the cookie from other sites, not from another page of the same site (another port, a
        // sibling subdomain), which could post multipart scans without a preflight; the browser says where a request
        // comes from in Sec-Fetch-Site, which no proxy in between changes
        if (bearer is null && Request.Headers["Sec-Fetch-Site"].ToString() is { Length: > 0 } site && site is not ("same-origin" or "none"))
        {
            return AuthenticateResult.Fail(CrossSite);
        }
        if (KioskCredentials.ReadToken(token) is not var (id, secret))
        {
            return AuthenticateResult.Fail("The kiosk token is malformed.");
        }
        var found = await db.Kiosks.AsNoTracking().FirstOrDefaultAsync(k => k.Id == id, Context.RequestAborted);
        if (found is null || found.RevokedAt is not null || !KioskCredentials.Matches(secret, found.TokenHash))
        {
            // a token that once named a kiosk: revoked, or replaced by a new pairing (kiosk ids are not secret)
            return AuthenticateResult.Fail(found is null ? "Unknown kiosk." : Unpaired);
        }
        await KioskContact.RecordAsync(db, found, time.GetUtcNow().UtcDateTime, kiosk.ContactGap, Context.RequestAborted);
        Context.Features.Set(new PairedKiosk(found.Id, found.Name, found.Site, found.TimeZone, found.Language, found.PublicKey, found.SilentFrom, found.SilentUntil));
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, found.Id.ToString()), new Claim(ClaimTypes.Name, $"kiosk {found.Name}")], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var refusal = result.Failure?.Message switch
        {
            Unpaired => KioskAuth.Unpaired,
            CrossSite => CrossSiteRequest,
            _ => NotPaired,
        };
        Response.Headers.WWWAuthenticate = "Bearer";
        await refusal.ToProblem().ExecuteAsync(Context);
    }
}
