using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Faces;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Attendance;

public enum AttendanceStatus { CheckedIn, CheckedOut, AlreadyRecorded, Unknown }

public sealed record PersonSummary(Guid Id, string EmployeeId, string Name);

/// <summary>What the kiosk shows. <see cref="RecordedAt"/> and <see cref="EventId"/> are the existing event's for
/// <see cref="AttendanceStatus.AlreadyRecorded"/>; an unknown face records no event.</summary>
public sealed record AttendanceResult(AttendanceStatus Status, PersonSummary? Person, float Similarity, DateTime RecordedAt, Guid? EventId);

/// <summary>Either a <see cref="Problem"/> with the snapshot, or a <see cref="Result"/>.</summary>
public sealed record AttendanceOutcome(FaceProblem? Problem, AttendanceResult? Result);

/// <summary>Turns a kiosk snapshot into a check-in or check-out: the first recognition of the day checks in, the next
/// one after the duplicate window checks out, and so on alternately; inside the window nothing new is recorded.</summary>
public sealed partial class AttendanceRecorder(
    IFaceRecognizer recognizer, AttendanceDbContext db, FaceAttendanceOptions options, AttendanceCalendar calendar,
    TimeProvider time, ILogger<AttendanceRecorder> logger)
{
    public async Task<AttendanceOutcome> RecordAsync(ImageRef snapshot, CancellationToken ct)
    {
        var identification = await recognizer.IdentifyAsync(snapshot, ct);
        if (identification.Problem is not null)
        {
            return new AttendanceOutcome(identification.Problem, null);
        }
        if (options.Kiosk.RequireLiveness && identification.Liveness is { IsLive: false } liveness)
        {
            LogNotLive(logger, snapshot.Key, liveness.Score);
            return new AttendanceOutcome(new FaceProblem(FaceProblemCode.NotLive,
                "The camera did not see a live face. Look straight at the camera without a photo or screen in front of it.", [],
                Liveness: liveness.Score), null);
        }
        var now = time.GetUtcNow().UtcDateTime;
        if (identification.PersonId is not { } personId || await db.People.FindAsync([personId], ct) is not { } person)
        {
            LogUnknown(logger, snapshot.Key);
            return new AttendanceOutcome(null, new AttendanceResult(AttendanceStatus.Unknown, null, identification.Similarity, now, null));
        }
        var summary = new PersonSummary(person.Id, person.EmployeeId, person.Name);
        // one decision per person at a time across every instance, so two quick snapshots cannot both check in
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.LockPersonAsync(personId, ct);
        var last = await db.AttendanceEvents.Where(e => e.PersonId == personId)
            .OrderByDescending(e => e.RecordedAt).FirstOrDefaultAsync(ct);
        if (last is not null && now - last.RecordedAt < options.DuplicateWindow)
        {
            return Recorded(AttendanceStatus.AlreadyRecorded, summary, identification.Similarity, last);
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
            SnapshotKey = snapshot.Key,
        };
        db.AttendanceEvents.Add(recorded);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        LogRecorded(logger, recorded.Kind, person.EmployeeId, identification.Similarity);
        return Recorded(checksOut ? AttendanceStatus.CheckedOut : AttendanceStatus.CheckedIn, summary, identification.Similarity, recorded);
    }

    private static AttendanceOutcome Recorded(AttendanceStatus status, PersonSummary person, float similarity, AttendanceEvent recorded) =>
        new(null, new AttendanceResult(status, person, similarity, recorded.RecordedAt, recorded.Id));

    [LoggerMessage(Level = LogLevel.Information, Message = "Attendance {Kind} recorded for {EmployeeId} (similarity {Similarity:0.000})")]
    private static partial void LogRecorded(ILogger logger, AttendanceKind kind, string employeeId, float similarity);

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot {Key} refused: liveness {Liveness:0.00} is below the pass mark")]
    private static partial void LogNotLive(ILogger logger, string key, float liveness);

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot {Key} shows a face nobody enrolled matches")]
    private static partial void LogUnknown(ILogger logger, string key);
}
