using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Approvals;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Sites;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Attendance;

/// <summary>What a correction did: the corrected event, or why there is none (status, code and detail of a ProblemDetails).</summary>
public sealed record CorrectionOutcome(AttendanceEvent? Event, int Status = StatusCodes.Status200OK, string? Code = null, string? Detail = null)
{
    public static CorrectionOutcome Refused(int status, string code, string detail) => new(null, status, code, detail);

    public static CorrectionOutcome Refused(Http.Refusal refusal) => new(null, refusal.Status, refusal.Code, refusal.Detail);
}

/// <summary>
/// Managers' corrections of the log: void an event, add a missing check-in or check-out, reassign an event to the right
/// person. Each is an <see cref="AttendanceCorrection"/> beside the event (who, when, why; the previous person of a
/// reassignment) plus an audit entry, in one save; nothing is overwritten without a trace. Used by the API and the pages.
/// </summary>
public sealed class AttendanceCorrections(AttendanceDbContext db, AccessScope scope, PeriodLocks locks, IHttpContextAccessor http, TimeProvider time)
{
    public const int MinReasonLength = 3;

    public async Task<CorrectionOutcome> VoidAsync(Guid eventId, string? reason, CancellationToken ct)
    {
        if (ReasonProblem(reason) is { } problem)
        {
            return problem;
        }
        var recorded = await scope.Events().Include(e => e.Corrections).SingleOrDefaultAsync(e => e.Id == eventId, ct);
        if (recorded is null)
        {
            return NotFound(eventId);
        }
        if (recorded.Voided)
        {
            return CorrectionOutcome.Refused(StatusCodes.Status409Conflict, "already-voided", "This event was voided already.");
        }
        if (await locks.RefusalAsync(recorded.PersonId, recorded.RecordedAt, ct) is { } locked)
        {
            return CorrectionOutcome.Refused(locked);
        }
        recorded.Voided = true;
        return await SaveAsync(recorded, CorrectionAction.Voided, reason!, "attendance.voided", ct);
    }

    public async Task<CorrectionOutcome> ReassignAsync(Guid eventId, Guid personId, string? reason, CancellationToken ct)
    {
        if (ReasonProblem(reason) is { } problem)
        {
            return problem;
        }
        var recorded = await scope.Events().Include(e => e.Corrections).SingleOrDefaultAsync(e => e.Id == eventId, ct);
        if (recorded is null)
        {
            return NotFound(eventId);
        }
        if (await scope.People().SingleOrDefaultAsync(p => p.Id == personId, ct) is not { } person)
        {
            return UnknownPerson(personId);
        }
        if (recorded.Voided)
        {
            return CorrectionOutcome.Refused(StatusCodes.Status409Conflict, "event-voided", "A voided event cannot be reassigned.");
        }
        if (recorded.PersonId == personId)
        {
            return CorrectionOutcome.Refused(StatusCodes.Status409Conflict, "same-person", $"This event is {person.Name}'s already.");
        }
        // the hours of both people change
        if ((await locks.RefusalAsync(recorded.PersonId, recorded.RecordedAt, ct) ?? await locks.RefusalAsync(personId, recorded.RecordedAt, ct)) is { } locked)
        {
            return CorrectionOutcome.Refused(locked);
        }
        var correction = Correction(recorded.Id, CorrectionAction.Reassigned, reason!);
        (correction.FromPersonId, correction.FromName, correction.FromEmployeeId) = (recorded.PersonId, recorded.PersonName, recorded.EmployeeId);
        (recorded.PersonId, recorded.PersonName, recorded.EmployeeId) = (person.Id, person.Name, person.EmployeeId);
        return await SaveAsync(recorded, correction, "attendance.reassigned", ct);
    }

    /// <param name="at">when it happened (UTC), no later than now.</param>
    /// <param name="siteId">where it happened; the person's home site when left out.</param>
    public async Task<CorrectionOutcome> AddAsync(Guid personId, AttendanceKind kind, DateTime at, Guid? siteId, string? reason, CancellationToken ct)
    {
        if (ReasonProblem(reason) is { } problem)
        {
            return problem;
        }
        if (at > time.GetUtcNow().UtcDateTime)
        {
            return CorrectionOutcome.Refused(StatusCodes.Status400BadRequest, "time-in-future", "A missing check-in or check-out cannot be in the future.");
        }
        if (await scope.People().SingleOrDefaultAsync(p => p.Id == personId, ct) is not { } person)
        {
            return UnknownPerson(personId);
        }
        if (siteId is { } site && !await db.Sites.AnyAsync(s => s.Id == site, ct))
        {
            return CorrectionOutcome.Refused(StatusCodes.Status400BadRequest, "unknown-site", $"There is no site with id {site}.");
        }
        if (await locks.RefusalAsync(person.Id, at, ct) is { } locked)
        {
            return CorrectionOutcome.Refused(locked);
        }
        var added = new AttendanceEvent
        {
            PersonId = person.Id, PersonName = person.Name, EmployeeId = person.EmployeeId, Kind = kind,
            RecordedAt = DateTime.SpecifyKind(at, DateTimeKind.Utc), SiteId = siteId ?? person.HomeSiteId,
        };
        db.AttendanceEvents.Add(added);
        return await SaveAsync(added, CorrectionAction.Added, reason!, "attendance.added", ct);
    }

    private Task<CorrectionOutcome> SaveAsync(AttendanceEvent recorded, CorrectionAction action, string reason, string auditAction, CancellationToken ct) =>
        SaveAsync(recorded, Correction(recorded.Id, action, reason), auditAction, ct);

    private async Task<CorrectionOutcome> SaveAsync(AttendanceEvent recorded, AttendanceCorrection correction, string auditAction, CancellationToken ct)
    {
        // through the set, so EF inserts it: added to a tracked event's list, a preset key would read as an existing row
        db.AttendanceCorrections.Add(correction);
        db.AuditEntries.Add(AuditTrail.Entry(http.HttpContext!, time, auditAction, recorded.Id.ToString(), correction.Reason));
        await db.SaveChangesAsync(ct);
        return new CorrectionOutcome(recorded);
    }

    private AttendanceCorrection Correction(Guid eventId, CorrectionAction action, string reason) => new()
    {
        EventId = eventId, Action = action, At = time.GetUtcNow().UtcDateTime, Actor = AuditTrail.Actor(http.HttpContext!), Reason = reason.Trim(),
    };

    private static CorrectionOutcome? ReasonProblem(string? reason) => reason?.Trim() is { Length: >= MinReasonLength and <= 500 }
        ? null
        : CorrectionOutcome.Refused(StatusCodes.Status400BadRequest, "reason-missing",
            $"Say why, in {MinReasonLength} to 500 characters: the correction is kept with the event.");

    private static CorrectionOutcome NotFound(Guid eventId) =>
        CorrectionOutcome.Refused(StatusCodes.Status404NotFound, "event-not-found", $"There is no attendance event {eventId}.");

    private static CorrectionOutcome UnknownPerson(Guid personId) =>
        CorrectionOutcome.Refused(StatusCodes.Status404NotFound, "person-not-found", $"There is no person {personId}.");
}
