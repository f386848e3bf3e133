using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Kiosks;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Sites;
using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pins;

public sealed record PinRequest(string? Pin);

public sealed record SitePinsRequest(bool Enabled);

public sealed record SitePins(Guid SiteId, bool Enabled);

/// <summary>What the kiosk shows: "Use PIN" when <see cref="Enabled"/>, greyed out for <see cref="LockedForSeconds"/>.</summary>
public sealed record PinEntry(bool Enabled, int LockedForSeconds);

/// <summary>The PIN fallback (<see cref="PinPunch"/>): the kiosk's <c>/attendance/pin</c>, an admin's PIN for a person,
/// and a site's PINs on or off.</summary>
internal static class PinsApi
{
    private const int MaxEmployeeIdLength = 64;

    public static void MapPinsApi(this IEndpointRouteBuilder routes)
    {
        var kiosk = routes.MapGroup("/attendance/pin").WithTags("Kiosk").RequirePairedKiosk().WithKioskRateLimit();
        kiosk.MapGet("", Entry).WithDescription("Whether this kiosk shows \"Use PIN\", and how long PIN entry stays locked after wrong PINs.");
        kiosk.MapPost("", Punch).Accepts<IFormFile>("multipart/form-data")
            .WithMetadata(new RequestSizeLimitAttribute(routes.ServiceProvider.GetRequiredService<UploadOptions>().MaxBytes + ApiSetup.FormOverheadBytes))
            .WithDescription("multipart/form-data with employeeId, pin and the camera's snapshot as the file field \"image\": checks in or out like a face scan, marked PIN.");

        var people = routes.MapGroup("/api/people/{id:guid}/pin").RequireAuthorization(Policies.CanEditPeople).WithTags("People")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        people.MapPut("", SetPin).WithDescription($"Gives the person a PIN ({PersonPin.MinDigits}–{PersonPin.MaxDigits} digits) for the kiosk's \"Use PIN\", replacing any; it is never shown again.");
        people.MapDelete("", RemovePin);

        routes.MapGroup("/api/sites/{id:guid}/pins").RequireAuthorization(Policies.CanEditSites).WithTags("Sites")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .MapPut("", SetSitePins).WithDescription("Turns PIN entry on or off at the site's kiosks (on unless turned off).");
    }

    public static async Task<Ok<PinEntry>> Entry(HttpContext http, PinPunch pins, PinThrottle throttle, CancellationToken ct)
    {
        var kiosk = PairedKiosk.Of(http);
        return TypedResults.Ok(new PinEntry(await pins.AllowedAtAsync(kiosk, ct), (int)Math.Ceiling(throttle.WaitFor(kiosk.Id).TotalSeconds)));
    }

    public static async Task<Results<Ok<KioskAnswer>, ProblemHttpResult>> Punch(
        HttpRequest request, PinPunch pins, UploadOptions uploads, KioskUploadQuota quota, CancellationToken ct)
    {
        var kiosk = PairedKiosk.Of(request.HttpContext);
        // only a multipart form gets here: the route accepts no other content type
        var (posted, refusal) = await ImageUpload.ReadKeysOrFormAsync(request, uploads.MaxBytes, 1, ct);
        if (posted is null)
        {
            return KioskAnswer.Of(refusal!);
        }
        var (employeeId, pin) = (request.Form["employeeId"].ToString().Trim(), request.Form["pin"].ToString());
        if (employeeId.Length is 0 or > MaxEmployeeIdLength || pin.Length is 0 or > PersonPin.MaxDigits)
        {
            return KioskAnswer.Of(new Refusal(StatusCodes.Status400BadRequest, "pin-fields-missing",
                $"The form needs an employeeId (up to {MaxEmployeeIdLength} characters) and a pin (up to {PersonPin.MaxDigits} digits) beside the image."));
        }
        if (quota.Take(kiosk.Id) is { } overQuota)
        {
            return KioskAnswer.Of(overQuota);
        }
        return KioskAnswer.Of(await pins.PunchAsync(kiosk, request.HttpContext, employeeId, pin, posted.Images[0], ct));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> SetPin(Guid id, PinRequest body, AttendanceDbContext db, AccessScope scope, CancellationToken ct)
    {
        if (await scope.People().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } person)
        {
            return PeopleApi.PersonNotFound(id);
        }
        if (PersonPin.Refusal(body.Pin) is { } refusal)
        {
            return refusal.ToProblem();
        }
        PersonPin.Set(person, body.Pin!);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemovePin(Guid id, AttendanceDbContext db, AccessScope scope, CancellationToken ct)
    {
        if (await scope.People().SingleOrDefaultAsync(p => p.Id == id, ct) is not { } person)
        {
            return PeopleApi.PersonNotFound(id);
        }
        person.PinHash = null;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<SitePins>, ProblemHttpResult>> SetSitePins(Guid id, SitePinsRequest body, AttendanceDbContext db, CancellationToken ct)
    {
        if (await db.Sites.FindAsync([id], ct) is not { } site)
        {
            return SitesApi.SiteNotFound(id);
        }
        site.PinsDisabled = !body.Enabled;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new SitePins(site.Id, body.Enabled));
    }
}
