using FaceAttendance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Storage;

/// <summary>
/// Deletes kiosk snapshots older than the retention period, and sooner those nothing keeps: an upload never posted to
/// /attendance, or one whose refusal a crash interrupted before its delete; and enrolment photos of no face. Snapshot keys carry their UTC day, so whole
/// days go at once and the same listing works on a folder or a bucket.
/// </summary>
public sealed partial class SnapshotRetention(
    IObjectStore store, IServiceScopeFactory scopes, SnapshotRetentionOptions retention, UploadOptions uploads, TimeProvider time, ILogger<SnapshotRetention> logger)
{
    /// <returns>How many snapshots were deleted.</returns>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var firstKeptDay = DateOnly.FromDateTime(now.UtcDateTime.AddDays(-retention.SnapshotRetentionDays));
        var keptFrom = firstKeptDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        var kept = await KeptSnapshotsAsync(db, keptFrom, ct);
        var (expired, orphans) = (0, 0);
        await foreach (var key in store.ListAsync(ObjectKeys.SnapshotsPrefix, ct))
        {
            if (ObjectKeys.SnapshotDay(key) is { } day && day < firstKeptDay)
            {
                await store.DeleteAsync(key, ct);
                expired++;
            }
            else if (!kept.Contains(key) && ObjectKeys.IssuedAt(key) is { } issuedAt && now - issuedAt > uploads.DecisionWindow)
            {
                await store.DeleteAsync(key, ct);
                orphans++;
            }
        }
        orphans += await DeleteOrphanedPhotosAsync(db, now, ct);
        await db.AttendanceEvents.Where(e => e.SnapshotKey != null && e.RecordedAt < keptFrom)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.SnapshotKey, (string?)null), ct);
        // past the decision window a key is refused anyway, so its decision is only kept while its snapshot could be
        await db.ScanDecisions.Where(d => d.DecidedAt < keptFrom).ExecuteDeleteAsync(ct);
        if (expired + orphans > 0)
        {
            LogPurged(logger, expired, firstKeptDay, orphans);
        }
        return expired + orphans;
    }

    /// <summary>
    /// Enrolment photos no face row names: left by a crash between storing a photo and saving its face, or by an
    /// erasure interrupted half-way. Ten minutes old at least, so an enrolment in progress keeps its photo.
    /// </summary>
    private async Task<int> DeleteOrphanedPhotosAsync(AttendanceDbContext db, DateTimeOffset now, CancellationToken ct)
    {
        var named = (await db.Faces.Select(f => f.PhotoKey).ToListAsync(ct)).ToHashSet();
        var deleted = 0;
        await foreach (var key in store.ListAsync(ObjectKeys.FacesPrefix, ct))
        {
            if (!named.Contains(key) && ObjectKeys.IssuedAt(key) is { } createdAt && now - createdAt > TimeSpan.FromMinutes(10))
            {
                await store.DeleteAsync(key, ct);
                deleted++;
            }
        }
        return deleted;
    }

    /// <summary>Snapshots an event links to or a decision keeps for review (an unknown face). A recognised scan's kept
    /// snapshot that no event took up (a choice offered that nobody made) goes with the orphans after the decision window.</summary>
    private static async Task<HashSet<string>> KeptSnapshotsAsync(AttendanceDbContext db, DateTime keptFrom, CancellationToken ct)
    {
        var linked = await db.AttendanceEvents.Where(e => e.SnapshotKey != null && e.RecordedAt >= keptFrom).Select(e => e.SnapshotKey!).ToListAsync(ct);
        var decided = await db.ScanDecisions.Where(d => d.KeepsSnapshot && d.Result == Attendance.ScanResults.Unknown && d.DecidedAt >= keptFrom).Select(d => d.SnapshotKey).ToListAsync(ct);
        return [.. linked, .. decided];
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Snapshot retention deleted {Count} snapshots from before {FirstKeptDay} and {Orphans} snapshots and photos that nothing kept")]
    private static partial void LogPurged(ILogger logger, int count, DateOnly firstKeptDay, int orphans);
}
