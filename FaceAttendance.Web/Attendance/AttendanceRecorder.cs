using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Http;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Attendance;

public enum AttendanceStatus { CheckedIn, CheckedOut, AlreadyRecorded, Unknown, BreakStarted, BreakEnded, Choose }

public sealed record PersonSummary(Guid Id, string EmployeeId, string Name);

/// <summary>What a scan came to, in full, as the stored <see cref="Data.ScanDecision"/> keeps it for admins (the kiosk
/// is answered only its <see cref="KioskAnswer"/>). <see cref="RecordedAt"/>, <see cref="EventId"/> and <see cref="Kind"/> are the
/// existing event's for <see cref="AttendanceStatus.AlreadyRecorded"/> ("Already checked in at 09:02"); an unknown face
/// records no event. <see cref="FirstToday"/>: the person's first check-in of the day, which the kiosk greets.
/// <see cref="Offer"/>: the punches the kiosk may record next for this scan (<see cref="AttendanceStatus.Choose"/> at a
/// Buttons site, or "Check out now" with an already-recorded check-in).</summary>
public sealed record AttendanceResult(
    AttendanceStatus Status, PersonSummary? Person, float Similarity, DateTime RecordedAt, Guid? EventId,
    Data.AttendanceKind? Kind = null, bool FirstToday = false, PunchOffer? Offer = null);

/// <summary>A recognised person's scan (or, for the PIN path, a person known another way) as
/// <see cref="AttendanceRecorder.DecideAsync"/> takes it; <see cref="At"/> is UTC, to the microsecond. <see cref="FaceCheck"/>:
/// null for a face; for a PIN, what its snapshot showed (the event is then marked <see cref="AttendanceMethod.Pin"/>).</summary>
public sealed record Recognition(
    Person Person, float Similarity, float? Liveness, string SnapshotKey, DateTime At, bool Offline, Guid? KioskId, PinFaceCheck? FaceCheck = null);

/// <summary>
/// What an identified face records (<see cref="DecideAsync"/>), and the punch a person chooses afterwards
/// (<see cref="PunchAsync"/>). A scan's decision runs inside <see cref="ScanDecider"/>'s transaction, which saves the
/// event together with the scan's decision.
/// </summary>
public sealed class AttendanceRecorder(
    AttendanceDbContext db, KioskOptions kiosk, AttendanceOptions attendance, AttendanceCalendar calendar, PunchTickets tickets, TimeProvider time)
{
    /// <param name="capturedAt">when a kiosk that was offline took the snapshot (server time); null: now.</param>
    /// <param name="kioskId">the kiosk that sent it.</param>
    /// <returns>The outcome, and whether the snapshot is kept (it backs an event, or shows an unknown face kept for review).</returns>
    public async Task<(ScanOutcome Outcome, bool KeepsSnapshot)> RecordAsync(
        string snapshotKey, Identification identification, DateTimeOffset? capturedAt, Guid? kioskId, CancellationToken ct)
    {
        if (identification.Problem is { } problem)
        {
            return (ScanOutcome.Refused(problem.ToRefusal()), false);
        }
        if (identification.Turn is { Passed: false } turn)
        {
            var detail = turn.TurnDegrees < Vision.Burst.MinTurnDegrees
                ? $"The head did not turn to the {KioskChallenge.Name(turn.Asked)} as asked ({turn.TurnDegrees:0} of the {Vision.Burst.MinTurnDegrees:0} degrees needed). " +
                    "Turn your head a little that way when the kiosk shows the arrow."
                : "The face changed during the turn: the turned frame is not the face the scan began with. One person, turning their own head, please.";
            var notTurned = new FaceProblem(FaceProblemCode.HeadNotTurned, detail, [], Turn: turn);
            return (ScanOutcome.Refused(notTurned.ToRefusal()), false);
        }
        if (kiosk.RequireLiveness && identification.Liveness is { IsLive: false } liveness)
        {
            var notLive = new FaceProblem(FaceProblemCode.NotLive,
                "The camera did not see a live face. Look straight at the camera without a photo or screen in front of it.", [],
                Liveness: liveness.Score);
            return (ScanOutcome.Refused(notLive.ToRefusal()), false);
        }
        var now = Microseconds((capturedAt ?? time.GetUtcNow()).UtcDateTime);
        if (identification.PersonId is not { } personId || await db.People.FindAsync([personId], ct) is not { } person)
        {
            var unknown = new AttendanceResult(AttendanceStatus.Unknown, null, identification.Similarity, now, null);
            return (ScanOutcome.Answered(unknown), kiosk.KeepUnknownSnapshots);
        }
        return await DecideAsync(new Recognition(person, identification.Similarity, identification.Liveness?.Score, snapshotKey, now, capturedAt is not null, kioskId), ct);
    }

    /// <summary>
    /// What a recognised person's scan records: the one decision every way of being recognised takes. At a Buttons site
    /// a live scan records nothing yet and offers the punches allowed (<see cref="PunchAsync"/> records the one chosen).
    /// Otherwise in and out alternate within a day: inside the duplicate window after any event, or inside the site's
    /// minimum gap after a check-in (at any kiosk, across midnight too), nothing is recorded and a live scan is offered
    /// "Check out now". A scan sent late from offline is never offered a choice: nobody is at the kiosk to make it.
    /// </summary>
    /// <returns>The outcome, and whether the snapshot is kept (it backs the event, or the choice offered).</returns>
    public async Task<(ScanOutcome Outcome, bool KeepsSnapshot)> DecideAsync(Recognition scan, CancellationToken ct)
    {
        var (person, now) = (scan.Person, scan.At);
        var summary = new PersonSummary(person.Id, person.EmployeeId, person.Name);
        // one decision per person at a time across every instance, so two quick snapshots cannot both check in
        await db.LockPersonAsync(person.Id, ct);
        var earlier = db.AttendanceEvents.Counted().Where(e => e.PersonId == person.Id);
        if (scan.Offline)
        {
            // a scan sent late follows what happened before it was taken; a live one follows the latest, whatever the
            // instances' clocks say
            earlier = earlier.Where(e => e.RecordedAt <= now);
        }
        var last = await earlier.OrderByDescending(e => e.RecordedAt).FirstOrDefaultAsync(ct);
        var site = await SiteOfAsync(scan.KioskId, ct);
        PunchOffer? Offer(IReadOnlyList<AttendanceKind> allowed) => scan is { Offline: false, KioskId: { } kioskId }
            ? tickets.Offer(new PunchTicket(person.Id, scan.SnapshotKey, kioskId, scan.Similarity, scan.Liveness, scan.FaceCheck), allowed)
            : null;
        if (site is { PunchMode: PunchMode.Buttons } && Offer(Punches.Allowed(Punches.StateOf(last, now))) is { } choice)
        {
            return (ScanOutcome.Answered(new AttendanceResult(AttendanceStatus.Choose, summary, scan.Similarity, now, null, Offer: choice)), true);
        }
        var gap = site?.MinimumGap ?? Punches.DefaultMinimumGap;
        if (last is not null && (now - last.RecordedAt < attendance.DuplicateWindow || Punches.OnDuty(last.Kind) && now - last.RecordedAt < gap))
        {
            var checkOutNow = Punches.OnDuty(last.Kind) ? Offer([AttendanceKind.Out]) : null;
            return (Recorded(AttendanceStatus.AlreadyRecorded, summary, scan.Similarity, last, offer: checkOutNow), checkOutNow is not null);
        }
        // a scan sent late is also a duplicate of one recorded just after it was taken (the person tried again online)
        if (scan.Offline && await db.AttendanceEvents.Counted()
                .Where(e => e.PersonId == person.Id && e.RecordedAt > now && e.RecordedAt < now + attendance.DuplicateWindow)
                .OrderBy(e => e.RecordedAt).FirstOrDefaultAsync(ct) is { } next)
        {
            return (Recorded(AttendanceStatus.AlreadyRecorded, summary, scan.Similarity, next), false);
        }
        var checksOut = Punches.OnDuty(last?.Kind) && calendar.DayOf(last!.RecordedAt) == calendar.DayOf(now);
        var recorded = Add(scan, checksOut ? AttendanceKind.Out : AttendanceKind.In, site?.Id);
        var firstToday = !checksOut && (last is null || calendar.DayOf(last.RecordedAt) != calendar.DayOf(now));
        return (Recorded(StatusOf(recorded.Kind), summary, scan.Similarity, recorded, firstToday), true);
    }

    /// <summary>Records the punch a person chose at the kiosk that their scan offered it to, with that scan's snapshot;
    /// refused when the ticket was used, the person erased, or the punch makes no sense now (Break end off a break).</summary>
    public async Task<(AttendanceResult? Result, Refusal? Refusal)> PunchAsync(PunchTicket ticket, AttendanceKind kind, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await db.People.FindAsync([ticket.PersonId], ct) is not { } person)
        {
            return (null, new Refusal(StatusCodes.Status404NotFound, "person-not-found", "This person is no longer enrolled."));
        }
        await db.LockPersonAsync(person.Id, ct);
        // one event per scan: the ticket's snapshot backing an event already is the ticket used
        if (await db.AttendanceEvents.AnyAsync(e => e.SnapshotKey == ticket.SnapshotKey, ct))
        {
            return (null, new Refusal(StatusCodes.Status409Conflict, "punch-ticket-used", "This choice was recorded already. Scan your face again for another."));
        }
        var now = Microseconds(time.GetUtcNow().UtcDateTime);
        var last = await db.AttendanceEvents.Counted().Where(e => e.PersonId == person.Id).OrderByDescending(e => e.RecordedAt).FirstOrDefaultAsync(ct);
        var state = Punches.StateOf(last, now);
        if (Punches.Impossible(kind, state) is { } impossible)
        {
            return (null, new Refusal(StatusCodes.Status409Conflict, "punch-not-possible", impossible.Sentence,
                new Dictionary<string, object?> { ["reasons"] = new[] { impossible.Reason } }));
        }
        var site = await SiteOfAsync(ticket.KioskId, ct);
        var recorded = Add(new Recognition(person, ticket.Similarity, ticket.Liveness, ticket.SnapshotKey, now, false, ticket.KioskId, ticket.FaceCheck), kind, site?.Id);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var firstToday = kind == AttendanceKind.In && (last is null || calendar.DayOf(last.RecordedAt) != calendar.DayOf(now));
        return (new AttendanceResult(StatusOf(kind), new PersonSummary(person.Id, person.EmployeeId, person.Name), ticket.Similarity, now,
            recorded.Id, kind, firstToday), null);
    }

    /// <summary>The site of the kiosk a scan came from, in one query: its punch mode and gap, and the site its events carry.</summary>
    private async Task<Site?> SiteOfAsync(Guid? kioskId, CancellationToken ct) => kioskId is null ? null
        : await db.Kiosks.Where(k => k.Id == kioskId).Join(db.Sites, k => k.SiteId, s => (Guid?)s.Id, (k, s) => s).SingleOrDefaultAsync(ct);

    private AttendanceEvent Add(Recognition scan, AttendanceKind kind, Guid? siteId)
    {
        var recorded = new AttendanceEvent
        {
            PersonId = scan.Person.Id,
            PersonName = scan.Person.Name,
            EmployeeId = scan.Person.EmployeeId,
            Kind = kind,
            RecordedAt = scan.At,
            Similarity = scan.Similarity,
            Liveness = scan.Liveness,
            SnapshotKey = scan.SnapshotKey,
            RecordedOffline = scan.Offline,
            KioskId = scan.KioskId,
            SiteId = siteId,
            Method = scan.FaceCheck is null ? AttendanceMethod.Face : AttendanceMethod.Pin,
            PinFaceCheck = scan.FaceCheck,
        };
        db.AttendanceEvents.Add(recorded);
        return recorded;
    }

    private static AttendanceStatus StatusOf(AttendanceKind kind) => kind switch
    {
        AttendanceKind.In => AttendanceStatus.CheckedIn,
        AttendanceKind.Out => AttendanceStatus.CheckedOut,
        AttendanceKind.BreakStart => AttendanceStatus.BreakStarted,
        _ => AttendanceStatus.BreakEnded,
    };

    /// <summary>To the microsecond, as PostgreSQL keeps it, so the answer and every later read of the event agree.</summary>
    internal static DateTime Microseconds(DateTime at) => new(at.Ticks - at.Ticks % 10, DateTimeKind.Utc);

    private static ScanOutcome Recorded(
        AttendanceStatus status, PersonSummary person, float similarity, AttendanceEvent recorded, bool firstToday = false, PunchOffer? offer = null) =>
        ScanOutcome.Answered(new AttendanceResult(status, person, similarity, recorded.RecordedAt, recorded.Id, recorded.Kind, firstToday, offer));
}
