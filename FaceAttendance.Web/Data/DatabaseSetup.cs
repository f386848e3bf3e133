using FaceAttendance.Web.Configuration;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Data;

internal static class DatabaseSetup
{
    public static void AddAttendanceDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddDbContext<AttendanceDbContext>((sp, db) =>
        {
            var options = sp.GetRequiredService<FaceAttendanceOptions>();
            Directory.CreateDirectory(options.DataPath);
            db.UseSqlite($"Data Source={Path.Combine(options.DataPath, "attendance.db")}");
        });
    }

    /// <summary>Brings the schema up to date before the app serves anything; never EnsureCreated.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(() => db.Database.MigrateAsync());
        // write-ahead logging lets the admin pages read while a kiosk check-in writes; the mode sticks to the file
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }
}
