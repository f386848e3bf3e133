using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FaceAttendance.Web.Approvals;

/// <summary>
/// Marks an approval "changed after approval" in the same save as any change of an event inside it, and audits that:
/// an Owner's or Admin's correction (<see cref="PeriodLocks"/> let it through), and a scan that lands in a locked period,
/// which is recorded all the same (a kiosk that was offline sends it late; a punch is never lost) for someone to review.
/// An interceptor, so every way of recording or correcting an event is covered, not only those that remember to ask.
/// </summary>
public sealed class LockedPeriodWatch(IHttpContextAccessor http, AttendanceCalendar calendar, TimeProvider time) : SaveChangesInterceptor
{
    /// <summary>What changes the hours an event counts for (retention clearing its snapshot does not).</summary>
    private static readonly string[] Counted =
        [nameof(AttendanceEvent.PersonId), nameof(AttendanceEvent.Voided), nameof(AttendanceEvent.Kind), nameof(AttendanceEvent.RecordedAt)];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AttendanceDbContext db)
        {
            var touched = db.ChangeTracker.Entries<AttendanceEvent>()
                .Where(e => e.State == EntityState.Added || e.State == EntityState.Modified && Counted.Any(p => e.Property(p).IsModified))
                .SelectMany(Touches).ToList();
            if (touched.Count > 0)
            {
                await MarkAsync(db, touched, cancellationToken);
            }
        }
        return await base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private async Task MarkAsync(AttendanceDbContext db, List<(Guid PersonId, DateOnly Day, string Change)> touched, CancellationToken ct)
    {
        var people = touched.Select(t => t.PersonId).Distinct().ToList();
        var (first, last) = (touched.Min(t => t.Day), touched.Max(t => t.Day));
        var approvals = await db.PeriodApprovals.Where(a => people.Contains(a.PersonId) && a.Start <= last && a.End >= first).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var approval in approvals)
        {
            if (touched.FirstOrDefault(t => t.PersonId == approval.PersonId && new PayPeriod(approval.Start, approval.End).Contains(t.Day)) is { Change: { } change })
            {
                // through the entry, so the save sees the change whether or not it detects changes after this
                var entry = db.Entry(approval);
                entry.Property(a => a.ChangedAt).CurrentValue = now;
                entry.Property(a => a.Change).CurrentValue = change;
                db.AuditEntries.Add(AuditTrail.Entry(http.HttpContext, time, "approval.changed-after-approval", approval.PersonId.ToString(),
                    $"{new PayPeriod(approval.Start, approval.End)}: {change}"));
            }
        }
    }

    /// <summary>The person and local day an added or changed event touches, both before and after a reassignment.</summary>
    private IEnumerable<(Guid PersonId, DateOnly Day, string Change)> Touches(EntityEntry<AttendanceEvent> entry)
    {
        var e = entry.Entity;
        var day = calendar.DayOf(e.RecordedAt);
        var change = entry.State == EntityState.Modified ? $"event {e.Id} corrected by {AuditTrail.Actor(http.HttpContext)}"
            : e.KioskId is null ? $"event {e.Id} added by {AuditTrail.Actor(http.HttpContext)}"
            : e.RecordedOffline ? $"scan {e.Id} sent late by a kiosk that was offline"
            : $"scan {e.Id} recorded at a kiosk";
        if (e.PersonId is { } person)
        {
            yield return (person, day, change);
        }
        // a reassignment changes the hours of the person it named before too (erasing a person clears it: nobody to pay)
        if (e.PersonId is not null && entry.State == EntityState.Modified && entry.Property(x => x.PersonId).OriginalValue is { } before && before != e.PersonId)
        {
            yield return (before, day, change);
        }
    }
}
