using System.Text.Json;
using FaceAttendance.Vision;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Faces;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Attendance;

public enum AttendanceStatus { CheckedIn, CheckedOut, AlreadyRecorded, Unknown }

public sealed record PersonSummary(Guid Id, string EmployeeId, string Name);

/// <summary>What the kiosk shows. <see cref="RecordedAt"/>, <see cref="EventId"/> and <see cref="Kind"/> are the
/// existing event's for <see cref="AttendanceStatus.AlreadyRecorded"/> ("Already checked in at 09:02"); an unknown face
/// records no event. <see cref="FirstToday"/>: the person's first check-in of the day, which the kiosk greets.</summary>
public sealed record AttendanceResult(
    AttendanceStatus Status, PersonSummary? Person, float Similarity, DateTime RecordedAt, Guid? EventId,
    Data.AttendanceKind? Kind = null, bool FirstToday = false);

/// <summary>Either a <see cref="Problem"/> with the snapshot, or a <see cref="Result"/>.</summary>
public sealed record AttendanceOutcome(FaceProblem? Problem, AttendanceResult? Result);

/// <summary>
/// Turns a kiosk snapshot into a check-in or check-out: the first recognition of the day checks in, the next one after
/// the duplicate window checks out, and so on alternately; inside the window nothing new is recorded. Each snapshot is
/// decided once (<see cref="ScanDecision"/>), and one that records nothing is deleted at once.
/// </summary>
public sealed class AttendanceRecorder(
    IFaceRecognizer recognizer, AttendanceDbContext db, IObjectStore store, FaceAttendanceOptions options, AttendanceCalendar calendar,
    TimeProvider time)
{
    /// <summary>Decides a snapshot; ask <see cref="DecisionOfAsync"/> first whether it was decided already.</summary>
    /// <param name="capturedAt">when a kiosk that was offline took it (server time); null: now.</param>
    public async Task<AttendanceOutcome> RecordAsync(ImageRef snapshot, CancellationToken ct, DateTimeOffset? capturedAt = null)
    {
        Identification identification;
        try
        {
            identification = await recognizer.IdentifyAsync(snapshot, ct);
        }
        catch (ImageRejectedException)
        {
            // not an image it could use: nothing to decide, nothing to keep
            await store.DeleteAsync(snapshot.Key, ct);
            throw;
        }
        catch (ObjectNotFoundException)
        {
            // a racing request decided it and deleted the snapshot between our look and our read
            if (await DecisionOfAsync(snapshot.Key, ct) is { } decided)
            {
                return decided;
            }
            throw;
        }
        return await DecideAsync(snapshot.Key, identification, capturedAt, ct);
    }

    private async Task<AttendanceOutcome> DecideAsync(string key, Identification identification, DateTimeOffset? capturedAt, CancellationToken ct)
    {
        if (identification.Problem is not null)
        {
            return await SaveDecisionAsync(key, new AttendanceOutcome(identification.Problem, null), keepsSnapshot: false, ct);
        }
        if (options.Kiosk.RequireLiveness && identification.Liveness is { IsLive: false } liveness)
        {
            return await SaveDecisionAsync(key, new AttendanceOutcome(new FaceProblem(FaceProblemCode.NotLive,
                "The camera did not see a live face. Look straight at the camera without a photo or screen in front of it.", [],
                Liveness: liveness.Score), null), keepsSnapshot: false, ct);
        }
        var now = (capturedAt ?? time.GetUtcNow()).UtcDateTime;
        if (identification.PersonId is not { } personId || await db.People.FindAsync([personId], ct) is not { } person)
        {
            var unknown = new AttendanceResult(AttendanceStatus.Unknown, null, identification.Similarity, now, null);
            return await SaveDecisionAsync(key, new AttendanceOutcome(null, unknown), options.Kiosk.KeepUnknownSnapshots, ct);
        }
        var summary = new PersonSummary(person.Id, person.EmployeeId, person.Name);
        // one decision per person at a time across every instance, so two quick snapshots cannot both check in
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockPersonAsync(personId, ct);
        var earlier = db.AttendanceEvents.Counted().Where(e => e.PersonId == personId);
        if (capturedAt is not null)
        {
            // a scan sent late follows what happened before it was taken; a live one follows the latest, whatever the
            // instances' clocks say
            earlier = earlier.Where(e => e.RecordedAt <= now);
        }
        var last = await earlier.OrderByDescending(e => e.RecordedAt).FirstOrDefaultAsync(ct);
        if (last is not null && now - last.RecordedAt < options.DuplicateWindow)
        {
            return await SaveDecisionAsync(key, Recorded(AttendanceStatus.AlreadyRecorded, summary, identification.Similarity, last),
                keepsSnapshot: false, ct);
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
            SnapshotKey = key,
            RecordedOffline = capturedAt.HasValue,
        };
        db.AttendanceEvents.Add(recorded);
        var firstToday = !checksOut && (last is null || calendar.DayOf(last.RecordedAt) != calendar.DayOf(now));
        return await SaveDecisionAsync(key,
            Recorded(checksOut ? AttendanceStatus.CheckedOut : AttendanceStatus.CheckedIn, summary, identification.Similarity, recorded, firstToday),
            keepsSnapshot: true, ct);
    }

    /// <summary>
    /// Saves the decision with whatever else is pending (the event) and commits; deletes a snapshot it does not keep.
    /// When another request decided the key first, that decision stands and is returned instead.
    /// </summary>
    private async Task<AttendanceOutcome> SaveDecisionAsync(string key, AttendanceOutcome outcome, bool keepsSnapshot, CancellationToken ct)
    {
        var (result, reason) = ScanResults.Of(outcome);
        db.ScanDecisions.Add(new ScanDecision
        {
            SnapshotKey = key,
            Result = result,
            Reason = reason,
            DecidedAt = time.GetUtcNow().UtcDateTime,
            Outcome = JsonSerializer.Serialize(outcome, JsonSerializerOptions.Web),
            KeepsSnapshot = keepsSnapshot,
            PersonId = outcome.Result?.Person?.Id,
        });
        var saved = await db.SaveUnlessDuplicateAsync(ct);
        if (db.Database.CurrentTransaction is { } transaction)
        {
            await (saved ? transaction.CommitAsync(ct) : transaction.RollbackAsync(ct));
        }
        if (!saved)
        {
            return await DecisionOfAsync(key, ct) ?? throw new InvalidOperationException($"The decision on {key} vanished.");
        }
        if (!keepsSnapshot)
        {
            await store.DeleteAsync(key, ct);
        }
        return outcome;
    }

    /// <summary>The answer already given for this snapshot key, or null when it was never decided.</summary>
    public async Task<AttendanceOutcome?> DecisionOfAsync(string key, CancellationToken ct) =>
        await db.ScanDecisions.AsNoTracking().Where(d => d.SnapshotKey == key).Select(d => d.Outcome).FirstOrDefaultAsync(ct) is { } json
            ? JsonSerializer.Deserialize<AttendanceOutcome>(json, JsonSerializerOptions.Web)
            : null;

    private static AttendanceOutcome Recorded(
        AttendanceStatus status, PersonSummary person, float similarity, AttendanceEvent recorded, bool firstToday = false) =>
        new(null, new AttendanceResult(status, person, similarity, recorded.RecordedAt, recorded.Id, recorded.Kind, firstToday));
}
