using FaceAttendance.Web.Configuration;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Data;

internal static class DatabaseSetup
{
    public static void AddAttendanceDatabase(this WebApplicationBuilder builder)
    {
        // each provider has its own context type (and migrations); the app asks for the base type, resolved from the
        // bound options so hosts that add configuration late still count
        builder.Services.AddDbContext<SqliteAttendanceDbContext>((sp, db) =>
        {
            var options = sp.GetRequiredService<FaceAttendanceOptions>();
            Directory.CreateDirectory(options.DataPath);
            db.UseSqlite($"Data Source={Path.Combine(options.DataPath, "attendance.db")}");
        });
        builder.Services.AddDbContext<PostgresAttendanceDbContext>((sp, db) =>
            db.UseNpgsql(sp.GetRequiredService<IConfiguration>().GetConnectionString(DatabaseOptions.ConnectionStringName)));
        builder.Services.AddScoped<AttendanceDbContext>(sp => sp.GetRequiredService<FaceAttendanceOptions>().Database.Provider switch
        {
            DatabaseProvider.Postgres => sp.GetRequiredService<PostgresAttendanceDbContext>(),
            _ => sp.GetRequiredService<SqliteAttendanceDbContext>(),
        });
        builder.Services.AddSingleton<JobLeases>();
    }

    /// <summary>Brings the schema up to date before the app serves anything; never EnsureCreated.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(() => db.Database.MigrateAsync());
        if (db.Database.IsSqlite())
        {
            // write-ahead logging lets the admin pages read while a kiosk check-in writes; the mode sticks to the file
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        await ImportLegacyKeyRingAsync(db, app.Services.GetRequiredService<FaceAttendanceOptions>());
    }

    /// <summary>Releases before the shared database kept the Data Protection key ring in DataDir/keys: moving it into
    /// the database keeps issued upload URLs and admin sessions valid across the upgrade.</summary>
    private static async Task ImportLegacyKeyRingAsync(AttendanceDbContext db, FaceAttendanceOptions options)
    {
        var folder = Path.Combine(options.DataPath, "keys");
        if (!Directory.Exists(folder))
        {
            return;
        }
        if (!await db.DataProtectionKeys.AnyAsync())
        {
            foreach (var file in Directory.GetFiles(folder, "*.xml").Order(StringComparer.Ordinal))
            {
                db.DataProtectionKeys.Add(new DataProtectionKey
                {
                    FriendlyName = Path.GetFileNameWithoutExtension(file),
                    Xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting),
                });
            }
            await db.SaveChangesAsync();
        }
        Directory.Delete(folder, recursive: true);
    }
}
