using FaceAttendance.Web.Configuration;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Data;

internal static class DatabaseSetup
{
    public static void AddAttendanceDatabase(this WebApplicationBuilder builder)
    {
        // each provider's context (with its migrations) sets up its own connection; the app asks for the base type,
        // chosen from the bound options so hosts that add configuration late still count
        builder.Services.AddValidatedOptions<DataDirOptions>(DataDirOptions.Section);
        builder.Services.AddValidatedOptions<DatabaseOptions>(DatabaseOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();
        builder.Services.AddDbContext<SqliteAttendanceDbContext>();
        builder.Services.AddDbContext<PostgresAttendanceDbContext>();
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddScoped<AttendanceDbContext>(sp => sp.GetRequiredService<DatabaseOptions>().Provider switch
        {
            DatabaseProvider.Sqlite => sp.GetRequiredService<SqliteAttendanceDbContext>(),
            DatabaseProvider.Postgres => sp.GetRequiredService<PostgresAttendanceDbContext>(),
            var other => throw new NotSupportedException($"Database provider {other} is not available."),
        });
        builder.Services.AddSingleton<JobLeases>();
        builder.Services.AddSingleton<DataDirLock>();
    }

    /// <summary>A database error that means the write could not be stored (a full disk, a read-only or unreachable
    /// database), as <see cref="Http.StorageFaults"/> answers it. An exception's type names the provider that threw it,
    /// so every provider is asked, with no configuration at hand.</summary>
    public static (int Status, string Code, string Detail)? FaultOf(Exception exception) =>
        SqliteAttendanceDbContext.FaultOf(exception) ?? PostgresAttendanceDbContext.FaultOf(exception);

    /// <summary>Brings the schema up to date before the app serves anything, after <see cref="DataDirSetup.PrepareDataDir"/>.</summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        await db.ApplyMigrationsAsync(app.Logger);
        await ImportLegacyKeyRingAsync(db, app.Services.GetRequiredService<DataDirOptions>());
    }

    /// <summary>Releases before the shared database kept the Data Protection key ring in DataDir/keys: moving it into
    /// the database keeps issued upload URLs and admin sessions valid across the upgrade.</summary>
    private static async Task ImportLegacyKeyRingAsync(AttendanceDbContext db, DataDirOptions dataDir)
    {
        var folder = Path.Combine(dataDir.DataPath, "keys");
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
