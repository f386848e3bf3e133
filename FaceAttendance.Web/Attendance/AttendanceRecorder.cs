using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Faces;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Attendance;

public enum AttendanceStatus { CheckedIn, CheckedOut, AlreadyRecorded, Unknown }

public sealed record PersonSummary(Guid Id, string EmployeeId, string Name);

/// <summary>What a scan came to, in full, as the stored <see cref="Data.ScanDecision"/> keeps it for admins (the kiosk
/// is answered only its <see cref="KioskAnswer"/>). <see cref="RecordedAt"/>, <see cref="EventId"/> and <see cref="Kind"/> are the
/// existing event's for <see cref="AttendanceStatus.AlreadyRecorded"/> ("Already checked in at 09:02"); an unknown face
/// records no event. <see cref="FirstToday"/>: the person's first check-in of the day, which the kiosk greets.</summary>
public sealed record AttendanceResult(
    AttendanceStatus Status, PersonSummary? Person, float Similarity, DateTime RecordedAt, Guid? EventId,
    Data.AttendanceKind? Kind = null, bool FirstToday = false);

/// <summary>
/// What an identified face (or a PIN, <see cref="RecordPinAsync"/>) records: the first recognition of the day checks in, the next one after the duplicate window
/// checks out, and so on alternately; inside the window nothing new is recorded. Runs inside <see cref="ScanDecider"/>'s
/// transaction (or <see cref="Pins.PinPunch"/>'s), which saves the event together with the scan's decision.
/// </summary>
public sealed class AttendanceRecorder(AttendanceDbContext db, KioskOptions kiosk, AttendanceOptions attendance, AttendanceCalendar calendar, TimeProvider time)
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
        var now = ToMicroseconds(capturedAt ?? time.GetUtcNow());
        if (identification.PersonId is not { } personId || await db.People.FindAsync([personId], ct) is not { } person)
        {
            var unknown = new AttendanceResult(AttendanceStatus.Unknown, null, identification.Similarity, now, null);
            return (ScanOutcome.Answered(unknown), kiosk.KeepUnknownSnapshots);
        }
        return await RecordForAsync(person, snapshotKey, identification, now, capturedAt is not null, kioskId, null, ct);
    }

    /// <summary>What a PIN typed at a kiosk records for <paramref name="person"/>: the same decision as a face scan, the
    /// event marked <see cref="AttendanceMethod.Pin"/> with what its snapshot showed (<paramref name="faceCheck"/>).</summary>
    public Task<(ScanOutcome Outcome, bool KeepsSnapshot)> RecordPinAsync(
        Person person, string snapshotKey, Identification identification, PinFaceCheck faceCheck, Guid kioskId, CancellationToken ct)
        => RecordForAsync(person, snapshotKey, identification, ToMicroseconds(time.GetUtcNow()), false, kioskId, faceCheck, ct);

    // to the microsecond, as PostgreSQL keeps it, so the answer and every later read of the event agree
    private static DateTime ToMicroseconds(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 10, DateTimeKind.Utc);

    /// <summary>The in/out decision for a person known by face or PIN, at <paramref name="now"/>.</summary>
    /// <param name="faceCheck">null for a face scan; for a PIN, what its snapshot showed.</param>
    private async Task<(ScanOutcome Outcome, bool KeepsSnapshot)> RecordForAsync(Person person, string snapshotKey, Identification identification,
        DateTime now, bool offline, Guid? kioskId, PinFaceCheck? faceCheck, CancellationToken ct)
    {
        var personId = person.Id;
        var summary = new PersonSummary(person.Id, person.EmployeeId, person.Name);
        // one decision per person at a time across every instance, so two quick snapshots cannot both check in
        await db.LockPersonAsync(personId, ct);
        var earlier = db.AttendanceEvents.Counted().Where(e => e.PersonId == personId);
        if (offline)
        {
            // a scan sent late follows what happened before it was taken; a live one follows the latest, whatever the
            // instances' clocks say
            earlier = earlier.Where(e => e.RecordedAt <= now);
        }
        var last = await earlier.OrderByDescending(e => e.RecordedAt).FirstOrDefaultAsync(ct);
        if (last is not null && now - last.RecordedAt < attendance.DuplicateWindow)
        {
            return (Recorded(AttendanceStatus.AlreadyRecorded, summary, identification.Similarity, last), false);
        }
        // a scan sent late is also a duplicate of one recorded just after it was taken (the person tried again online)
        if (offline && await db.AttendanceEvents.Counted()
                .Where(e => e.PersonId == personId && e.RecordedAt > now && e.RecordedAt < now + attendance.DuplicateWindow)
                .OrderBy(e => e.RecordedAt).FirstOrDefaultAsync(ct) is { } next)
        {
            return (Recorded(AttendanceStatus.AlreadyRecorded, summary, identification.Similarity, next), false);
        }
        var checksOut = last is { Kind: AttendanceKind.In } && calendar.DayOf(last.RecordedAt) == calendar.DayOf(now);
        var recorded = new AttendanceEvent
        {
            PersonId = person.Id,
            PersonName = person.Name,
            EmployeeId = person.EmployeeId,
            Kind = checksOut ? AttendanceKind.Out : AttendanceKind.In,
            RecordedAt = now,
            Similarity = identification.Similarity,
            Liveness = identification.Liveness?.Score,
            SnapshotKey = snapshotKey,
            RecordedOffline = offline,
            KioskId = kioskId,
            Method = faceCheck is null ? AttendanceMethod.Face : AttendanceMethod.Pin,
            PinFaceCheck = faceCheck,
            SiteId = kioskId is null ? null : await db.Kiosks.Where(k => k.Id == kioskId).Select(k => k.SiteId).SingleOrDefaultAsync(ct),
        };
        db.AttendanceEvents.Add(recorded);
        var firstToday = !checksOut && (last is null || calendar.DayOf(last.RecordedAt) != calendar.DayOf(now));
        return (Recorded(checksOut ? AttendanceStatus.CheckedOut : AttendanceStatus.CheckedIn, summary, identification.Similarity, recorded, firstToday),
            true);
    }

    private static ScanOutcome Recorded(
        AttendanceStatus status, PersonSummary person, float similarity, AttendanceEvent recorded, bool firstToday = false) =>
        ScanOutcome.Answered(new AttendanceResult(status, person, similarity, recorded.RecordedAt, recorded.Id, recorded.Kind, firstToday));
}
