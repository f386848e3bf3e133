using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FaceAttendance.Web.Kiosks;

/// <param name="Code">the one-time code an admin got for this kiosk.</param>
/// <param name="PublicKey">the ECDSA P-256 public key (base64 SubjectPublicKeyInfo) of the key pair the kiosk made to sign
/// its offline scans; without one it scans only online.</param>
public sealed record PairRequest([Required, StringLength(64)] string Code, [StringLength(512)] string? PublicKey);

/// <summary>What a kiosk knows of itself. <see cref="Language"/>: the one an admin set (null: the browser's);
/// <see cref="CheckInSeconds"/>: how often it should call GET /kiosk/me so the server knows it is online;
/// <see cref="OfflineMaxAgeHours"/>: how long a scan it keeps offline can wait.</summary>
public sealed record KioskIdentity(string Name, string Site, string TimeZone, string? Language, bool CanScanOffline, int CheckInSeconds, double OfflineMaxAgeHours);

/// <summary>The kiosk device's own routes: <c>POST /kiosk/pair</c> exchanges a pairing code for the device cookie,
/// <c>GET /kiosk/me</c> is its check-in.</summary>
internal static class KioskDeviceApi
{
    public static RouteGroupBuilder MapKioskDeviceApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/kiosk").WithTags("Kiosk").WithKioskRateLimit();
        group.MapPost("/pair", Pair)
            .WithDescription("Pairs this browser with a one-time code from Admin › Kiosks: answers the kiosk and sets its HttpOnly device cookie.");
        group.MapGet("/me", Me).RequireAuthorization(KioskAuth.Policy).ProducesProblem(StatusCodes.Status401Unauthorized)
            .WithDescription("The paired kiosk's check-in: who it is; 401 kiosk-unpaired once an admin revoked it.");
        return group;
    }

    public static async Task<Results<Ok<KioskIdentity>, ProblemHttpResult>> Pair(
        PairRequest body, HttpContext http, AttendanceDbContext db, KioskPairing pairing, KioskOptions options, TimeProvider time, CancellationToken ct)
    {
        if (await pairing.FindByCodeAsync(body.Code, ct) is not { } kiosk)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "pairing-code-invalid",
                "That pairing code is wrong, used or expired; ask an admin for a new one under Admin › Kiosks.");
        }
        var (token, refusal) = pairing.Pair(kiosk, body.PublicKey);
        if (refusal is not null)
        {
            return refusal.ToProblem();
        }
        // a browser that was another kiosk stops being it: that kiosk's token (in this browser's cookie) is dropped, so the
        // list does not show it paired with nothing behind it
        if ((await http.AuthenticateAsync(KioskAuth.Scheme)).Succeeded && PairedKiosk.Of(http).Id != kiosk.Id
            && await db.Kiosks.FindAsync([PairedKiosk.Of(http).Id], ct) is { } previous)
        {
            (previous.TokenHash, previous.PublicKey) = (null, null);
            db.AuditEntries.Add(AuditTrail.Entry(http, time, "kiosk.replaced", previous.Id.ToString(),
                $"{previous.Name}: its browser was paired as {kiosk.Name}", actor: AuditActor.Kiosk(kiosk.Id, kiosk.Name)));
        }
        // the device pairs itself without an admin signed in, so its entry is written here
        db.AuditEntries.Add(AuditTrail.Entry(http, time, "kiosk.paired", kiosk.Id.ToString(),
            $"{kiosk.Name} ({kiosk.Site}) with a pairing code{(kiosk.PublicKey is null ? "" : ", offline key registered")}", actor: AuditActor.Kiosk(kiosk.Id, kiosk.Name)));
        await db.SaveChangesAsync(ct);
        KioskAuth.SetCookie(http.Response, token!);
        return TypedResults.Ok(Identity(kiosk.Name, kiosk.Site, kiosk.TimeZone, kiosk.Language, kiosk.PublicKey is not null, options));
    }

    public static Ok<KioskIdentity> Me(HttpContext http, KioskOptions options)
    {
        var kiosk = PairedKiosk.Of(http);
        return TypedResults.Ok(Identity(kiosk.Name, kiosk.Site, kiosk.TimeZone, kiosk.Language, kiosk.PublicKey is not null, options));
    }

    private static KioskIdentity Identity(string name, string site, string timeZone, string? language, bool canScanOffline, KioskOptions options) =>
        new(name, site, timeZone, language, canScanOffline, (int)(options.ContactGap.TotalSeconds / 3), options.OfflineMaxAge.TotalHours);
}
