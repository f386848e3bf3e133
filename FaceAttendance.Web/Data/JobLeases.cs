using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Data;

/// <summary>
/// Background work that must run on one instance at a time (snapshot retention, the Rekognition collection sync) takes
/// a named lease in the shared database first. Taking one is a single atomic upsert that succeeds only when the lease
/// is free, expired or already this instance's; a lease that is not released runs out by itself, so an instance that
/// dies holding one blocks nobody for longer than its duration.
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, TimeProvider time)
{
    /// <summary>This process, as lease holder (unique even when two hosts reuse a process id).</summary>
    public string Holder { get; } = $"{Environment.ProcessId}-{Guid.NewGuid():N}";

    /// <returns>true when this instance now holds <paramref name="name"/> for <paramref name="duration"/>.</returns>
    public async Task<bool> TryAcquireAsync(string name, TimeSpan duration, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var expires = now + (long)duration.TotalMilliseconds;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        // the same statement on SQLite (3.24+) and PostgreSQL; 0 rows when another holder's lease is still running
        var taken = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "JobLeases" ("Name", "Holder", "ExpiresAtUnixMs") VALUES ({name}, {Holder}, {expires})
            ON CONFLICT ("Name") DO UPDATE SET "Holder" = excluded."Holder", "ExpiresAtUnixMs" = excluded."ExpiresAtUnixMs"
            WHERE "JobLeases"."ExpiresAtUnixMs" <= {now} OR "JobLeases"."Holder" = {Holder}
            """, ct);
        return taken == 1;
    }

    /// <summary>Ends this instance's lease early, so the next attempt anywhere may take it.</summary>
    public async Task ReleaseAsync(string name, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        await db.JobLeases.Where(l => l.Name == name && l.Holder == Holder).ExecuteDeleteAsync(ct);
    }
}
