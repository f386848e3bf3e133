using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FaceAttendance.Web.Webhooks;

/// <summary>
/// Writes the outbox: in the same save as an event a kiosk recorded, an unknown face's decision, a correction or an
/// approval, one <see cref="WebhookDelivery"/> per webhook that chose its type. One transaction, so a committed
/// check-in is never lost to a webhook and a rolled-back one is never sent; <see cref="WebhookDispatcher"/> sends them
/// later, never inside the request. An interceptor, so every path that records (scan, offline scan, PIN, punch
/// buttons, S3 event) is covered without each one asking.
/// </summary>
public sealed class WebhookOutbox(TimeProvider time) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AttendanceDbContext db)
        {
            var events = db.ChangeTracker.Entries().Where(e => e.State == EntityState.Added).Select(e => Describe(db, e.Entity))
                .OfType<(string Type, object Data)>().ToList();
            if (events.Count > 0)
            {
                await EnqueueAsync(db, events, cancellationToken);
            }
        }
        return await base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    private async Task EnqueueAsync(AttendanceDbContext db, List<(string Type, object Data)> events, CancellationToken ct)
    {
        var webhooks = await db.Webhooks.AsNoTracking().Select(w => new { w.Id, w.Events }).ToListAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var (type, data) in events)
        {
            var eventId = Guid.CreateVersion7();
            var body = WebhookEvents.Body(eventId, type, now, data);
            foreach (var webhook in webhooks.Where(w => w.Events.Split(' ').Contains(type)))
            {
                db.WebhookDeliveries.Add(WebhookEvents.Delivery(webhook.Id, eventId, type, body, now));
            }
        }
    }

    private static (string Type, object Data)? Describe(AttendanceDbContext db, object entity) => entity switch
    {
        // an event added by hand is reported as its correction
        AttendanceEvent { KioskId: not null } e => (WebhookEvents.Attendance(e.Kind), Event(e)),
        ScanDecision d when d.Result == ScanResults.Unknown => (WebhookEvents.UnknownFace, new { d.KioskId, d.DecidedAt }),
        AttendanceCorrection c => (WebhookEvents.Corrected, new
        {
            Action = c.Action.ToString().ToLowerInvariant(), c.Reason, c.Actor, c.At, c.FromPersonId, c.FromEmployeeId,
            Event = db.ChangeTracker.Entries<AttendanceEvent>().Select(e => e.Entity).Where(e => e.Id == c.EventId).Select(Event).SingleOrDefault(),
        }),
        PeriodApproval a => (WebhookEvents.Approved, new { a.PersonId, a.Start, a.End, a.ApprovedBy, a.ApprovedAt }),
        _ => null,
    };

    private static object Event(AttendanceEvent e) => new
    {
        e.Id, e.PersonId, e.EmployeeId, Name = e.PersonName, Kind = WebhookEvents.KindName(e.Kind), e.RecordedAt, e.RecordedOffline,
        e.KioskId, e.SiteId, e.Voided,
    };
}
