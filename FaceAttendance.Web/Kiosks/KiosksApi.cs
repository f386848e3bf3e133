using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Localization;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Sites;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Kiosks;

/// <summary>The kiosk's site by <see cref="SiteId"/>, or by name (<see cref="Site"/>: a name no site has yet adds that
/// site, in the kiosk's time zone). <see cref="TimeZone"/>: an IANA id; the site's when left out (for a new site, the
/// app's own, FaceAttendance:TimeZone). <see cref="Language"/>: what the kiosk speaks, <c>en</c>, <c>es</c> or <c>de</c>;
/// left out, its browser's language.</summary>
public sealed record KioskRequest(
    [Required, StringLength(100), PlainText, RegularExpression(PeopleApi.NotBlank, ErrorMessage = PeopleApi.BlankMessage)] string Name,
    [StringLength(100), PlainText, RegularExpression(PeopleApi.NotBlank, ErrorMessage = PeopleApi.BlankMessage)] string? Site,
    [StringLength(64)] string? TimeZone, Guid? SiteId = null, [SupportedLanguage] string? Language = null);

public sealed record AddedKiosk(KioskResponse Kiosk, PairingCode Pairing);

/// <summary><see cref="PublicKey"/>: an ECDSA P-256 key (base64 SubjectPublicKeyInfo) to check its offline scans with;
/// without one the kiosk can scan only online.</summary>
public sealed record TokenRequest([StringLength(512)] string? PublicKey);

/// <summary>The device token, shown once: send it as <c>Authorization: Bearer {token}</c>.</summary>
public sealed record KioskToken(KioskResponse Kiosk, string Token);

/// <summary>Admins add, pair, rename and revoke kiosks: <c>/api/kiosks</c>.</summary>
internal static class KiosksApi
{
    public static RouteGroupBuilder MapKiosksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/kiosks").RequireAuthorization(Policies.CanRead).WithTags("Kiosks")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        // reads are the group's; a write adds its own policy, and both apply
        group.MapGet("", List);
        group.MapPost("", Add).RequireAuthorization(Policies.CanEditKiosks).WithDescription("Adds a kiosk and answers its one-time pairing code and URL (show it as a QR code).");
        group.MapPut("/{id:guid}", Update).RequireAuthorization(Policies.CanEditKiosks).WithDescription("Renames a kiosk, moves it to another site or time zone, or sets its language.");
        group.MapPost("/{id:guid}/pairing-code", NewPairingCode).RequireAuthorization(Policies.CanEditKiosks)
            .WithDescription("A new one-time pairing code; the kiosk keeps working until it pairs with it.");
        group.MapPost("/{id:guid}/token", IssueToken).RequireAuthorization(Policies.CanEditKiosks)
            .WithDescription("Pairs the kiosk now for a script (load tests, the CLI): answers its device token once, for Authorization: Bearer. Replaces any earlier token.");
        group.MapPost("/{id:guid}/revoke", Revoke).RequireAuthorization(Policies.CanEditKiosks).WithDescription("Unpairs the kiosk at once; its events stay.");
        return group;
    }

    public static async Task<Ok<KioskResponse[]>> List(AttendanceDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await db.Kiosks.AsNoTracking().OrderBy(k => k.Site).ThenBy(k => k.Name).ToListAsync(ct)).Select(KioskResponse.From).ToArray());

    public static async Task<Results<Created<AddedKiosk>, ProblemHttpResult>> Add(
        KioskRequest body, HttpRequest request, AttendanceDbContext db, KioskPairing pairing, TimeProvider time, CancellationToken ct)
    {
        var (site, refusal) = await SiteOfAsync(body, db, pairing, time, ct);
        if (site is null)
        {
            return refusal!.ToProblem();
        }
        var kiosk = pairing.NewKiosk(body.Name, site, body.TimeZone, body.Language);
        var code = pairing.IssueCode(kiosk, KioskPairing.AppBase(request));
        db.Kiosks.Add(kiosk);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/kiosks/{kiosk.Id}", new AddedKiosk(KioskResponse.From(kiosk), code));
    }

    public static async Task<Results<Ok<KioskResponse>, ProblemHttpResult>> Update(
        Guid id, KioskRequest body, AttendanceDbContext db, KioskPairing pairing, TimeProvider time, CancellationToken ct)
    {
        if (await db.Kiosks.FindAsync([id], ct) is not { } kiosk)
        {
            return NotFound(id);
        }
        var (site, refusal) = await SiteOfAsync(body, db, pairing, time, ct);
        if (site is null)
        {
            return refusal!.ToProblem();
        }
        KioskPairing.Move(kiosk, body.Name, site, body.TimeZone, body.Language);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(KioskResponse.From(kiosk));
    }

    public static async Task<Results<Ok<PairingCode>, ProblemHttpResult>> NewPairingCode(
        Guid id, HttpRequest request, AttendanceDbContext db, KioskPairing pairing, CancellationToken ct)
    {
        if (await db.Kiosks.FindAsync([id], ct) is not { } kiosk)
        {
            return NotFound(id);
        }
        var code = pairing.IssueCode(kiosk, KioskPairing.AppBase(request));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(code);
    }

    public static async Task<Results<Ok<KioskToken>, ProblemHttpResult>> IssueToken(
        Guid id, TokenRequest? body, HttpContext http, AttendanceDbContext db, KioskPairing pairing, TimeProvider time, CancellationToken ct)
    {
        if (await db.Kiosks.FindAsync([id], ct) is not { } kiosk)
        {
            return NotFound(id);
        }
        var (token, refusal) = pairing.Pair(kiosk, body?.PublicKey);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }
        db.AuditEntries.Add(AuditTrail.Entry(http, time, "kiosk.paired", kiosk.Id.ToString(),
            $"{kiosk.Name}: token issued through the admin API{(kiosk.PublicKey is null ? "" : ", offline key registered")}"));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new KioskToken(KioskResponse.From(kiosk), token!));
    }

    public static async Task<Results<Ok<KioskResponse>, ProblemHttpResult>> Revoke(
        Guid id, AttendanceDbContext db, KioskPairing pairing, CancellationToken ct)
    {
        if (await db.Kiosks.FindAsync([id], ct) is not { } kiosk)
        {
            return NotFound(id);
        }
        pairing.Revoke(kiosk);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(KioskResponse.From(kiosk));
    }

    /// <summary>The site a request puts its kiosk at, or why it cannot (an unknown time zone or site id, no site at all).</summary>
    private static async Task<(Site? Site, Refusal? Refusal)> SiteOfAsync(
        KioskRequest body, AttendanceDbContext db, KioskPairing pairing, TimeProvider time, CancellationToken ct)
    {
        if (body.TimeZone is { } zone && KioskPairing.TimeZoneRefusal(zone) is { } refusal)
        {
            return (null, refusal);
        }
        if (body.SiteId is { } siteId)
        {
            return await db.Sites.FindAsync([siteId], ct) is { } site
                ? (site, null)
                : (null, new Refusal(StatusCodes.Status400BadRequest, "unknown-site", $"There is no site with id {siteId}."));
        }
        return body.Site is { } name
            ? (await db.FindOrAddSiteAsync(name, body.TimeZone ?? pairing.DefaultTimeZone, time, ct), null)
            : (null, new Refusal(StatusCodes.Status400BadRequest, "site-missing", "Say which site the kiosk is at: its siteId, or its site's name."));
    }

    private static ProblemHttpResult NotFound(Guid id) => Problems.NotFound("kiosk-not-found", $"No kiosk has the id {id}.");
}
