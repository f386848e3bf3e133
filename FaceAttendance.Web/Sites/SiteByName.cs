using FaceAttendance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Sites;

internal static class SiteByName
{
    /// <summary>The site called <paramref name="name"/>, or a new one by that name in <paramref name="timeZone"/>, added
    /// to the context and saved with the caller's change: a kiosk named by its site's name (the kiosk pages' field, the
    /// API's <c>site</c>) joins that site.</summary>
    public static async Task<Site> FindOrAddSiteAsync(this AttendanceDbContext db, string name, string timeZone, TimeProvider time, CancellationToken ct)
    {
        var trimmed = name.Trim();
        if (await db.Sites.SingleOrDefaultAsync(s => s.Name == trimmed, ct) is { } site)
        {
            return site;
        }
        site = new Site { Name = trimmed, TimeZone = timeZone, CreatedAt = time.GetUtcNow().UtcDateTime };
        db.Sites.Add(site);
        return site;
    }
}
