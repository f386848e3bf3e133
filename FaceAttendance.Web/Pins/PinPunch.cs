using System.Security.Cryptography;
using FaceAttendance.Vision;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Kiosks;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Pins;

/// <summary>
/// A punch by employee id and PIN at a kiosk, for a face the kiosk does not recognise: refused while the kiosk is locked
/// out (<see cref="PinThrottle"/>) or its site has PINs off; a wrong id, a wrong PIN and a person without a PIN answer
/// alike (and each is audited), so the kiosk never tells which ids exist. A right PIN records through the same in/out
/// decision as a face (<see cref="AttendanceRecorder.DecideAsync"/>), the snapshot kept as its evidence, and the engine
/// says whether the snapshot shows that person; an event whose snapshot does not is flagged for review.
/// </summary>
public sealed class PinPunch(
    AttendanceDbContext db, IFaceRecognizer recognizer, AttendanceRecorder recorder, ScanDecider decider, IObjectStore store,
    PinThrottle throttle, TimeProvider time)
{
    /// <summary>Verified against when nobody with a PIN has the id typed.</summary>
    private static readonly Lazy<Person> Nobody = new(() =>
    {
        var nobody = new Person { EmployeeId = "", Name = "" };
        PersonPin.Set(nobody, "90210");
        return nobody;
    });

    public static readonly Refusal Wrong = new(StatusCodes.Status403Forbidden, "pin-wrong",
        "That employee id and PIN do not match. Check both and try again, or ask a manager.");

    public static readonly Refusal TurnedOff = new(StatusCodes.Status403Forbidden, "pins-off",
        "PINs are turned off at this kiosk's site; look at the camera, or ask a manager.");

    public static Refusal LockedOut(TimeSpan wait) => new(StatusCodes.Status429TooManyRequests, "pin-locked",
        $"Too many wrong PINs at this kiosk: PIN entry is locked for {Math.Ceiling(wait.TotalMinutes):0} more minutes. Look at the camera, or ask a manager.",
        new Dictionary<string, object?> { ["retryAfterSeconds"] = (int)Math.Ceiling(wait.TotalSeconds) });

    /// <summary>Whether PIN entry is on at the kiosk's site (sites have it on unless an admin turned it off).</summary>
    public async Task<bool> AllowedAtAsync(PairedKiosk kiosk, CancellationToken ct) =>
        !await db.Kiosks.Where(k => k.Id == kiosk.Id).Join(db.Sites, k => k.SiteId, s => (Guid?)s.Id, (k, s) => s.PinsDisabled).AnyAsync(off => off, ct);

    public async Task<ScanOutcome> PunchAsync(PairedKiosk kiosk, HttpContext http, string employeeId, string pin, UploadedImage snapshot, CancellationToken ct)
    {
        Person? person;
        using (await throttle.OneCheckAtATimeAsync(kiosk.Id, ct))
        {
            if (throttle.WaitFor(kiosk.Id) is { } wait && wait > TimeSpan.Zero)
            {
                return ScanOutcome.Refused(LockedOut(wait));
            }
            if (!await AllowedAtAsync(kiosk, ct))
            {
                return ScanOutcome.Refused(TurnedOff);
            }
            person = await FindAsync(employeeId, pin, ct);
            if (person is null)
            {
                await FailedAsync(kiosk, http, employeeId, ct);
                return ScanOutcome.Refused(Wrong);
            }
        }
        var key = ObjectKeys.NewSnapshot(time.GetUtcNow(), snapshot.ContentType, kiosk.Id);
        await store.TryPutAsync(key, snapshot.Content, ct);
        var identification = await IdentifyAsync(key, snapshot.Content, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var pinned = new Recognition(person, identification.Similarity, null, key, AttendanceRecorder.Microseconds(time.GetUtcNow().UtcDateTime), Offline: false,
            kiosk.Id, FaceCheck(identification, person));
        var (outcome, keepsSnapshot) = await recorder.DecideAsync(pinned, ct);
        return await decider.SaveDecisionAsync(key, outcome, keepsSnapshot, kiosk.Id, null, Convert.ToHexStringLower(SHA256.HashData(snapshot.Content)), ct);
    }

    /// <summary>The person with this employee id and PIN, or null; a wrong id and a person without a PIN cost the same
    /// hash as a wrong PIN.</summary>
    private async Task<Person?> FindAsync(string employeeId, string pin, CancellationToken ct)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.EmployeeId == employeeId.Trim(), ct);
        var withPin = person is { PinHash: not null };
        return PersonPin.Matches(withPin ? person! : Nobody.Value, pin) && withPin ? person : null;
    }

    /// <summary>Who the snapshot shows; an image the engine cannot read shows nobody.</summary>
    private async Task<Identification> IdentifyAsync(string key, byte[] content, CancellationToken ct)
    {
        try
        {
            return await recognizer.IdentifyAsync([new ImageRef(key, content)], scoreLiveness: false, turn: null, ct);
        }
        catch (ImageRejectedException e)
        {
            return new Identification(new FaceProblem(FaceProblemCode.NoFace, e.Message, []), null, 0);
        }
    }

    private static PinFaceCheck FaceCheck(Identification identification, Person person) => identification switch
    {
        { Problem: not null } => PinFaceCheck.NoFace,
        { PersonId: null } => PinFaceCheck.BelowThreshold,
        { PersonId: var id } when id == person.Id => PinFaceCheck.Matches,
        _ => PinFaceCheck.OtherPerson,
    };

    /// <summary>Counts and audits a wrong id or PIN (never the PIN typed), and the lockout it may start.</summary>
    private async Task FailedAsync(PairedKiosk kiosk, HttpContext http, string employeeId, CancellationToken ct)
    {
        var actor = AuditActor.Kiosk(kiosk.Id, kiosk.Name);
        var typed = employeeId.Length > 64 ? employeeId[..64] + "…" : employeeId;
        db.AuditEntries.Add(AuditTrail.Entry(http, time, "pin.failed", kiosk.Id.ToString(), $"employee id typed: {typed}", actor));
        if (throttle.Failed(kiosk.Id))
        {
            db.AuditEntries.Add(AuditTrail.Entry(http, time, "pin.locked-out", kiosk.Id.ToString(),
                $"{PinThrottle.MaxFailures} wrong PINs within {PinThrottle.Window.TotalMinutes:0} minutes: PIN entry locked for {PinThrottle.Lockout.TotalMinutes:0} minutes", actor));
        }
        await db.SaveChangesAsync(ct);
    }
}
