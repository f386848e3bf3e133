using System.Security.Cryptography;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Attendance;

/// <summary>
/// Reads a kiosk snapshot kept as evidence (behind an event, or an unknown face kept for review) only while it is the
/// image that was decided: its SHA-256 must be the one <see cref="ScanDecider"/> recorded. An S3 upload policy lets its
/// holder write the key again until the policy expires; bytes swapped in that way are never shown, exported or enrolled.
/// </summary>
public sealed partial class KeptSnapshots(AttendanceDbContext db, IObjectStore store, ILogger<KeptSnapshots> logger)
{
    /// <summary>The snapshot's bytes, or null when it is not kept, deleted, or no longer what was decided.</summary>
    public async Task<byte[]?> ReadAsync(string key, CancellationToken ct)
    {
        var decided = await db.ScanDecisions.AsNoTracking().Where(d => d.SnapshotKey == key && d.KeepsSnapshot)
            .Select(d => new { d.SnapshotSha256 }).SingleOrDefaultAsync(ct);
        if (decided is null || await store.ReadAsync(key, ct) is not { } content)
        {
            return null;
        }
        // decisions made before the hash was recorded have none to check
        if (decided.SnapshotSha256 is { } expected && Convert.ToHexStringLower(SHA256.HashData(content)) != expected)
        {
            LogReplaced(logger, key);
            return null;
        }
        return content;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot {Key} was replaced after it was decided; it is not shown or exported")]
    private static partial void LogReplaced(ILogger logger, string key);
}
