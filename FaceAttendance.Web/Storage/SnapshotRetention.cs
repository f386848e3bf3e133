using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Storage;

/// <summary>Deletes kiosk snapshots older than the retention period. Snapshot keys carry their UTC day,
/// so whole days go at once and the same listing works on a folder or a bucket.</summary>
public sealed partial class SnapshotRetention(
    IObjectStore store, IServiceScopeFactory scopes, FaceAttendanceOptions options, TimeProvider time, ILogger<SnapshotRetention> logger)
{
    /// <returns>How many snapshots were deleted.</returns>
    public async Task<int> PurgeAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-options.SnapshotRetentionDays);
        var firstKeptDay = DateOnly.FromDateTime(cutoff);
        var deleted = 0;
        await foreach (var key in store.ListAsync(ObjectKeys.SnapshotsPrefix, ct))
        {
            if (ObjectKeys.SnapshotDay(key) is { } day && day < firstKeptDay)
            {
                await store.DeleteAsync(key, ct);
                deleted++;
            }
        }
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        var keptFrom = firstKeptDay.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        await db.AttendanceEvents.Where(e => e.SnapshotKey != null && e.RecordedAt < keptFrom)
            .ExecuteUpdateAsync(set => set.SetProperty(e => e.SnapshotKey, (string?)null), ct);
        LogPurged(logger, deleted, firstKeptDay);
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Snapshot retention deleted {Count} snapshots from before {FirstKeptDay}")]
    private static partial void LogPurged(ILogger logger, int count, DateOnly firstKeptDay);
}
