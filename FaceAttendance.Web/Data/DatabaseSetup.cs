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
            // DataDir is made once at start (DataDirSetup), never here: a context made after it was deleted would make
            // a new, empty database beside the lost one
            var options = sp.GetRequiredService<FaceAttendanceOptions>();
            db.UseSqlite($"Data Source={Path.Combine(options.DataPath, "attendance.db")}")
                .AddInterceptors(sp.GetRequiredService<AuditTrail>(), SqliteSecureDelete.Instance);
        });
        builder.Services.AddDbContext<PostgresAttendanceDbContext>((sp, db) =>
            db.UseNpgsql(PostgresConnectionString(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<FaceAttendanceOptions>()))
                .AddInterceptors(sp.GetRequiredService<AuditTrail>()));
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddScoped<AttendanceDbContext>(sp => sp.GetRequiredService<FaceAttendanceOptions>().Database.Provider switch
        {
            DatabaseProvider.Postgres => sp.GetRequiredService<PostgresAttendanceDbContext>(),
            _ => sp.GetRequiredService<SqliteAttendanceDbContext>(),
        });
        builder.Services.AddSingleton<JobLeases>();
        builder.Services.AddSingleton<DataDirLock>();
    }

    private static string PostgresConnectionString(IConfiguration configuration, FaceAttendanceOptions options)
    {
        var connection = new Npgsql.NpgsqlConnectionStringBuilder(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName));
        if (options.Database.Password is { Length: > 0 } password)
        {
            connection.Password = password;
        }
        return connection.ConnectionString;
    }

    private const long MigrationLockKey = 0x46_41_4D_47; // "FAMG"

    /// <summary>Brings the schema up to date before the app serves anything; never EnsureCreated. After
    /// <see cref="DataDirSetup.PrepareDataDir"/>, which takes the SQLite data dir's lock.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        var options = app.Services.GetRequiredService<FaceAttendanceOptions>();
        if (db.Database.IsNpgsql())
        {
            // EF's PostgreSQL lock covers one migration at a time, so instances starting together could interleave
            // two migrations; a session advisory lock serialises whole runs and dies with a killed instance's connection
            await using var migrationLock = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
            await migrationLock.OpenAsync();
            await using (var take = new Npgsql.NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", migrationLock))
            {
                await take.ExecuteNonQueryAsync();
            }
            await db.Database.MigrateAsync();
        }
        else
        {
            await ClearStaleMigrationLockAsync(db, app.Logger);
            // only when there is something to apply: EF's migration lock is a write, which a full disk refuses, and
            // an up-to-date database must still start there (writes answer 507 until there is room)
            if ((await db.Database.GetPendingMigrationsAsync()).Any())
            {
                await db.Database.MigrateAsync();
            }
            // write-ahead logging lets the admin pages read while a kiosk check-in writes; the mode sticks to the file
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }
        await ImportLegacyKeyRingAsync(db, options);
    }

    /// <summary>
    /// EF marks a migration in progress with a row in <c>__EFMigrationsLock</c> on SQLite, and a start killed meanwhile
    /// leaves it, making every later start wait for it forever. Holding the <see cref="DataDirLock"/> proves no other
    /// process is migrating, so any row found is stale. (PostgreSQL's migration lock is a session lock that dies with
    /// its connection.)
    /// </summary>
    private static async Task ClearStaleMigrationLockAsync(AttendanceDbContext db, ILogger logger)
    {
        var lockTables = await db.Database
            .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'")
            .SingleAsync();
        if (lockTables > 0 && await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"") > 0)
        {
            logger.LogWarning("Cleared the migration lock left by a start that did not finish");
        }
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
