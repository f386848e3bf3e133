using FaceAttendance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Kiosks;

/// <summary>The names of the kiosks some events were made at, for the log, its CSV and the API. An event keeps only its
/// kiosk's id, so a renamed kiosk shows its current name everywhere.</summary>
public sealed class KioskNames(IReadOnlyDictionary<Guid, string> names)
{
    public static readonly KioskNames None = new(new Dictionary<Guid, string>());

    public static async Task<KioskNames> OfAsync(AttendanceDbContext db, IEnumerable<AttendanceEvent> events, CancellationToken ct)
    {
        var ids = events.Select(e => e.KioskId).OfType<Guid>().Distinct().ToList();
        return ids.Count == 0
            ? None
            : new KioskNames(await db.Kiosks.AsNoTracking().Where(k => ids.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Name, ct));
    }

    /// <summary>The name of the kiosk that made <paramref name="e"/>; null for an event an admin added by hand.</summary>
    public string? Of(AttendanceEvent e) => e.KioskId is { } id ? names.GetValueOrDefault(id) : null;
}
