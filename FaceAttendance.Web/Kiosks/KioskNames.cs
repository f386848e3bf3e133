using FaceAttendance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Kiosks;

/// <summary>The names of the kiosks and sites some events were made at, for the log, its CSV and the API. An event keeps
/// only their ids, so a renamed kiosk or site shows its current name everywhere.</summary>
public sealed class KioskNames(IReadOnlyDictionary<Guid, string> kiosks, IReadOnlyDictionary<Guid, string> sites)
{
    private static readonly Dictionary<Guid, string> NoNames = [];

    public static readonly KioskNames None = new(NoNames, NoNames);

    public static async Task<KioskNames> OfAsync(AttendanceDbContext db, IEnumerable<AttendanceEvent> events, CancellationToken ct)
    {
        var made = events.ToList();
        var kioskIds = made.Select(e => e.KioskId).OfType<Guid>().Distinct().ToList();
        var siteIds = made.Select(e => e.SiteId).OfType<Guid>().Distinct().ToList();
        return new KioskNames(
            kioskIds.Count == 0 ? NoNames
                : await db.Kiosks.AsNoTracking().Where(k => kioskIds.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Name, ct),
            siteIds.Count == 0 ? NoNames
                : await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, ct));
    }

    /// <summary>The name of the kiosk that made <paramref name="e"/>; null for an event an admin added by hand.</summary>
    public string? Of(AttendanceEvent e) => e.KioskId is { } id ? kiosks.GetValueOrDefault(id) : null;

    /// <summary>The name of the site <paramref name="e"/> was recorded at; null when none is known.</summary>
    public string? SiteOf(AttendanceEvent e) => e.SiteId is { } id ? sites.GetValueOrDefault(id) : null;
}
