using System.Text.Json;
using System.Text.Json.Serialization;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Localization;
using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.HttpLogging;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace FaceAttendance.Web.Http;

/// <summary>What every endpoint shares: JSON shape, ProblemDetails for every error, validation, request logging,
/// body limits, the OpenAPI document and the Razor Pages of the kiosk and admin site.</summary>
internal static class ApiSetup
{
    private const string ApiIntroduction = """
        The kiosk's contract and the admin API of FaceAttendance.

        **Kiosk** (anonymous, rate-limited per address): `POST /presign` gives a short-lived upload URL, the snapshot is
        PUT there, and `POST /attendance` with its key answers who it was: checked in, checked out, already recorded
        or unknown. A key is decided once.

        **Admin** (`/api/*`): send the admin API key in the `X-Api-Key` header, or use the cookie of the admin pages.
        People, their consent and faces, attendance reports and CSV exports, timesheets and the audit log.

        Every error is an RFC 7807 ProblemDetails with a human-readable `detail` and a stable `code` (`no-face`,
        `poor-quality`, `unknown-key`, ...).
        """;

    /// <summary>Room for multipart boundaries and part headers around one image.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    public static void AddApiPlumbing(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ForwardedHeadersTrust>(ForwardedHeadersTrust.Section);
        builder.Services.AddSingleton<IValidateOptions<ForwardedHeadersTrust>, ForwardedHeadersTrustValidator>();
        // choices by name only: a number would bind to any value, also one the enum does not name ("kind": 7)
        builder.Services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false)));
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Detail ??= StatusDetails.For(context.ProblemDetails, context.HttpContext);
            // every error has a code, also those the framework writes itself (401, 415, ...); the app's own codes stay
            if (StatusDetails.CodeFor(context.ProblemDetails) is { } code)
            {
                context.ProblemDetails.Extensions.TryAdd("code", code);
            }
        });
        builder.Services.AddExceptionHandler<KnownExceptionHandler>();
        // a query value or body that does not bind becomes an exception KnownExceptionHandler answers with its message
        // ("Failed to bind parameter \"DateOnly? from\" from \"notadate\"."), not a bare 400 without a detail
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddValidation();
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "FaceAttendance API";
            document.Info.Description = ApiIntroduction;
            return Task.CompletedTask;
        }));
        builder.Services.AddHttpLogging(o =>
        {
            o.LoggingFields = HttpLoggingFields.RequestMethod | HttpLoggingFields.RequestPath | HttpLoggingFields.ResponseStatusCode | HttpLoggingFields.Duration;
            o.CombineLogs = true;
        });
        // nothing the app accepts is bigger than one image plus a little form framing
        builder.Services.AddOptions<KestrelServerOptions>().Configure<UploadOptions>((kestrel, uploads) =>
            kestrel.Limits.MaxRequestBodySize = uploads.MaxBytes + FormOverheadBytes);
        builder.Services.AddOptions<FormOptions>().Configure<UploadOptions>((form, uploads) =>
            form.MultipartBodyLengthLimit = uploads.MaxBytes + FormOverheadBytes);
        // the CSS and JS are static web assets from the top-level wwwroot (see the csproj), which only Development serves
        // by itself; this serves them from a build output in other environments too (a publish has its own wwwroot instead)
        if (!builder.Environment.IsDevelopment())
        {
            builder.WebHost.UseStaticWebAssets();
        }
        // one URL scheme for every link the pages make: /admin/people/details/{id}, never /Admin/People/Details
        builder.Services.Configure<RouteOptions>(o => o.LowercaseUrls = true);
        builder.Services.AddRazorPages(o =>
        {
            // every page under /Admin needs the least policy, and each folder adds its own (all apply); a page that
            // posts a change asks for the write policy it needs in its handler or its folder
            o.Conventions.AuthorizeFolder("/Admin", Policies.CanReadTimesheets);
            o.Conventions.AuthorizePage("/Admin/Attendance/Add", Policies.CanCorrect);
            o.Conventions.AuthorizePage("/Admin/Attendance/Correct", Policies.CanCorrect);
            o.Conventions.AuthorizeFolder("/Admin/Audit", Policies.CanReadAudit);
            o.Conventions.AuthorizeFolder("/Admin/Kiosks", Policies.CanEditKiosks);
            o.Conventions.AuthorizeFolder("/Admin/People", Policies.CanRead);
            o.Conventions.AuthorizePage("/Admin/People/Create", Policies.CanEditPeople);
            o.Conventions.AuthorizePage("/Admin/People/Details", Policies.CanEditPeople);
            o.Conventions.AuthorizeFolder("/Admin/Unknown", Policies.CanEditPeople);
            o.Conventions.AuthorizeFolder("/Admin/Accounts", Policies.CanManageAccounts);
            o.Conventions.AuthorizeFolder("/Admin/ApiKeys", Policies.CanManageAccounts);
            o.Conventions.AuthorizeFolder("/Admin/Sites", Policies.CanEditSites);
            o.Conventions.AuthorizeFolder("/Admin/PayRules", Policies.CanEditSites);
            o.Conventions.AuthorizeFolder("/Admin/Schedules", Policies.CanEditSchedules);
            o.Conventions.AuthorizeFolder("/Admin/Webhooks", Policies.CanManageWebhooks);
            o.Conventions.AllowAnonymousToPage("/Admin/Login");
            // the invitation's one-time token is the credential
            o.Conventions.AllowAnonymousToPage("/Admin/Invitation");
            o.Conventions.AllowAnonymousToPage("/Admin/Reset");
            // the language is chosen before signing in too
            o.Conventions.AllowAnonymousToPage("/Admin/Language");
        })
            // a form's validation message is looked up in the admin texts; one that is not a key there is shown as written
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, texts) => texts.Create(typeof(AdminTexts)));
    }

    public static void UseApiPlumbing(this WebApplication app)
    {
        app.UseTrustedForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseHttpLogging();
        app.UseStaticFiles(new StaticFileOptions { OnPrepareResponse = CacheStaticAsset });
        app.UseAuthentication();
        app.UseLanguages();
        app.UseCrossSiteRefusal();
        app.UseAuthorization();
        app.UseTwoFactorEnrolmentForOwners();
        app.UseRateLimiter();
        app.UseDiskSpaceGuard();
    }

    /// <summary>A fingerprinted URL (<c>?v=</c> from asp-append-version) never changes content, so a browser or a CDN
    /// keeps it a year; anything else (the modules kiosk.js imports) is revalidated, so a new release shows at once.</summary>
    private static void CacheStaticAsset(StaticFileResponseContext context) =>
        context.Context.Response.Headers.CacheControl = context.Context.Request.Query.ContainsKey("v")
            ? "public, max-age=31536000, immutable"
            : "no-cache";

    /// <summary>The document at /openapi/v1.json and a browsable reference at /scalar; for admins only outside
    /// Development, since it maps every route an attacker could probe.</summary>
    public static void MapApiDocs(this WebApplication app)
    {
        var document = app.MapOpenApi();
        // everything the page needs is served by the app: no fonts, telemetry or assistant from Scalar's servers
        var reference = app.MapScalarApiReference(o => o
            .WithTitle("FaceAttendance API")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp());
        if (!app.Environment.IsDevelopment())
        {
            document.RequireAuthorization(Policies.CanRead);
            reference.RequireAuthorization(Policies.CanRead);
        }
    }
}
