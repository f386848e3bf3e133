using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Sites;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Approvals;

public enum ApprovalState { Open, Approved, ChangedAfterApproval }

/// <summary>One person's state in a pay period; the approval's fields are null while it is open.</summary>
public sealed record PersonApproval(
    Guid PersonId, string EmployeeId, string Name, ApprovalState State, DateTime? ApprovedAt, string? ApprovedBy, DateTime? ChangedAt, string? Change);

public sealed record PeriodApprovalsResponse(DateOnly Start, DateOnly End, string Label, IReadOnlyList<PersonApproval> People);

/// <summary>
/// Approving pay periods, for the API and the timesheets page: a Manager approves the people of their scope, an Owner
/// or Admin anyone; one person or everyone the account covers in one action. Approval and reopening are audited
/// (<see cref="AuditTrail"/>, in the same save).
/// </summary>
public sealed class PeriodApprovals(AttendanceDbContext db, AccessScope scope, AttendanceCalendar calendar, IHttpContextAccessor http, TimeProvider time)
{
    public async Task<PayPeriodSetting> SettingAsync(CancellationToken ct) =>
        await db.PayPeriodSettings.AsNoTracking().SingleOrDefaultAsync(ct) ?? PayPeriods.Default;

    /// <param name="day">any local day of the period; today when null.</param>
    public async Task<PayPeriod> PeriodAsync(DateOnly? day, CancellationToken ct) =>
        PayPeriods.Containing(await SettingAsync(ct), day ?? calendar.DayOf(time.GetUtcNow().UtcDateTime));

    /// <summary>Every person the account covers, with their approval of the period.</summary>
    public async Task<PeriodApprovalsResponse> ListAsync(DateOnly? day, CancellationToken ct)
    {
        var period = await PeriodAsync(day, ct);
        var people = await scope.People().AsNoTracking().OrderBy(p => p.Name).ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var approvals = await db.PeriodApprovals.AsNoTracking().Where(a => ids.Contains(a.PersonId) && a.Start == period.Start)
            .ToDictionaryAsync(a => a.PersonId, ct);
        return new(period.Start, period.End, period.ToString(), [.. people.Select(p => approvals.GetValueOrDefault(p.Id) is { } a
            ? new PersonApproval(p.Id, p.EmployeeId, p.Name, a.ChangedAt is null ? ApprovalState.Approved : ApprovalState.ChangedAfterApproval,
                a.ApprovedAt, a.ApprovedBy, a.ChangedAt, a.Change)
            : new PersonApproval(p.Id, p.EmployeeId, p.Name, ApprovalState.Open, null, null, null, null))]);
    }

    /// <param name="personId">one person; null: everyone the account covers who is not approved yet.</param>
    public async Task<Refusal?> ApproveAsync(DateOnly? day, Guid? personId, CancellationToken ct)
    {
        var period = await PeriodAsync(day, ct);
        if (period.Start > calendar.DayOf(time.GetUtcNow().UtcDateTime))
        {
            return new(StatusCodes.Status400BadRequest, "period-not-started", $"{period} has not started: there are no hours to approve yet.");
        }
        var people = scope.People();
        if (personId is { } one)
        {
            if (!await people.AnyAsync(p => p.Id == one, ct))
            {
                return PersonNotFound(one);
            }
            if (await db.PeriodApprovals.AnyAsync(a => a.PersonId == one && a.Start == period.Start, ct))
            {
                return new(StatusCodes.Status409Conflict, "already-approved", $"{period} is approved already for this person.");
            }
            people = people.Where(p => p.Id == one);
        }
        var approved = db.PeriodApprovals.Where(a => a.Start == period.Start).Select(a => a.PersonId);
        var toApprove = await people.Where(p => !approved.Contains(p.Id)).Select(p => new { p.Id, p.EmployeeId }).ToListAsync(ct);
        var by = AuditTrail.Actor(http.HttpContext);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var person in toApprove)
        {
            db.PeriodApprovals.Add(new PeriodApproval { PersonId = person.Id, Start = period.Start, End = period.End, ApprovedAt = now, ApprovedBy = by });
            db.AuditEntries.Add(AuditTrail.Entry(http.HttpContext, time, "approval.approved", person.Id.ToString(), $"{period}, employee id {person.EmployeeId}"));
        }
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Unlocks a person's approved period (Owner, Admin: the route's policy).</summary>
    public async Task<Refusal?> ReopenAsync(DateOnly? day, Guid personId, string? reason, CancellationToken ct)
    {
        if (reason?.Trim() is not { Length: >= 3 and <= 500 } why)
        {
            return new(StatusCodes.Status400BadRequest, "reason-missing", "Say why, in 3 to 500 characters: reopening is audited with it.");
        }
        var period = await PeriodAsync(day, ct);
        if (!await scope.People().AnyAsync(p => p.Id == personId, ct))
        {
            return PersonNotFound(personId);
        }
        if (await db.PeriodApprovals.SingleOrDefaultAsync(a => a.PersonId == personId && a.Start == period.Start, ct) is not { } approval)
        {
            return new(StatusCodes.Status409Conflict, "not-approved", $"{period} is not approved for this person: there is nothing to reopen.");
        }
        db.PeriodApprovals.Remove(approval);
        db.AuditEntries.Add(AuditTrail.Entry(http.HttpContext, time, "approval.reopened", personId.ToString(),
            $"{period}, approved {approval.ApprovedAt:u} by {approval.ApprovedBy}: {why}"));
        await db.SaveChangesAsync(ct);
        return null;
    }

    /// <summary>Sets the organisation's pay period; approvals already given keep their own dates.</summary>
    public async Task SetPayPeriodAsync(PayPeriodKind kind, DateOnly anchor, CancellationToken ct)
    {
        var setting = await db.PayPeriodSettings.SingleOrDefaultAsync(ct);
        if (setting is null)
        {
            setting = new PayPeriodSetting();
            db.PayPeriodSettings.Add(setting);
        }
        (setting.Kind, setting.Anchor) = (kind, anchor);
        db.AuditEntries.Add(AuditTrail.Entry(http.HttpContext, time, "pay-period.changed", null, $"{kind} from {anchor:yyyy-MM-dd}"));
        await db.SaveChangesAsync(ct);
    }

    private static Refusal PersonNotFound(Guid personId) => new(StatusCodes.Status404NotFound, "person-not-found", $"There is no person {personId}.");
}
