using System.IO.Compression;
using System.Text.Json;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Configuration;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Kiosks;
using FaceAttendance.Web.Sites;
using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.People;

/// <summary>
/// <c>GET /api/people/{id}/export</c>: a zip of everything held about one person (GDPR art. 15): person.json (details
/// and consent), attendance.csv (with each event's corrections, and the events since reassigned away from them, marked so,
/// with the kiosk that made each and whether it was recorded offline), audit.csv (the admin actions on them and on their events), their enrolment photos and the kiosk snapshots behind their
/// events. Embeddings are
/// left out: numbers only this engine can read, derived from the photos that are included. The export is audited.
/// </summary>
internal static class PersonExport
{
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Export(Guid id, HttpContext http, AttendanceDbContext db,
        AccessScope scope, IObjectStore store, KeptSnapshots snapshots, AttendanceCalendar calendar, TimeProvider time, CancellationToken ct)
    {
        if (await scope.People().AsNoTracking().Include(p => p.Faces).SingleOrDefaultAsync(p => p.Id == id, ct) is not { } person)
        {
            return PeopleApi.PersonNotFound(id);
        }
        var events = await db.AttendanceEvents.AsNoTracking().Include(e => e.Corrections)
            .Where(e => e.PersonId == id || e.Corrections.Any(c => c.FromPersonId == id))
            .OrderBy(e => e.RecordedAt).ToListAsync(ct);
        db.AuditEntries.Add(AuditTrail.Entry(http, time, "person.exported", id.ToString(), $"employee id {person.EmployeeId}"));
        await db.SaveChangesAsync(ct);
        var subjects = events.Select(e => e.Id.ToString()).Append(id.ToString()).ToList();
        var audit = await AuditApi.Query(db, action: null, subjects).ToListAsync(ct);
        var kiosks = await KioskNames.OfAsync(db, events, ct);

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            var details = new
            {
                person.Id, person.EmployeeId, person.Name, person.Email, person.CreatedAt,
                Consent = PeopleApi.ConsentOf(person),
                Faces = person.Faces.Select(f => new { f.Id, f.CreatedAt, f.ModelId, Photo = Path.GetFileName(f.PhotoKey), f.Box, f.LearnedAtKioskId }),
            };
            await AddAsync(archive, "person.json", JsonSerializer.SerializeToUtf8Bytes(details, JsonSerializerOptions.Web), ct);
            await AddAsync(archive, "attendance.csv", System.Text.Encoding.UTF8.GetBytes(AttendanceCsv.Write(events, calendar, kiosks, subject: id)), ct);
            await AddAsync(archive, "audit.csv", System.Text.Encoding.UTF8.GetBytes(AuditApi.WriteCsv(audit)), ct);
            // a snapshot reassigned away shows someone else
            foreach (var key in person.Faces.Select(f => f.PhotoKey))
            {
                if (await store.ReadAsync(key, ct) is { } bytes)
                {
                    await AddAsync(archive, key, bytes, ct);
                }
            }
            foreach (var key in events.Where(e => e.PersonId == id).Select(e => e.SnapshotKey).OfType<string>())
            {
                if (await snapshots.ReadAsync(key, ct) is { } bytes)
                {
                    await AddAsync(archive, key, bytes, ct);
                }
            }
        }
        return TypedResults.File(zip.ToArray(), "application/zip", $"person-{person.EmployeeId}.zip");
    }

    private static async Task AddAsync(ZipArchive archive, string name, byte[] content, CancellationToken ct)
    {
        await using var entry = await archive.CreateEntry(name, CompressionLevel.Fastest).OpenAsync(ct);
        await entry.WriteAsync(content, ct);
    }
}
