using FaceAttendance.Web.Http;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace FaceAttendance.Web.Data;

/// <summary>PostgreSQL, shared by many instances: transaction-scoped advisory locks, released by the commit or rollback.</summary>
public sealed class PostgresAttendanceDbContext(DbContextOptions<PostgresAttendanceDbContext> options, DatabaseOptions database,
    IConfiguration configuration, AuditTrail audit, Approvals.LockedPeriodWatch lockedPeriods, Webhooks.WebhookOutbox outbox) : AttendanceDbContext(options)
{
    // advisory lock keys: the face-change feed and migrations have one key each; people use two-int keys in their own
    // class (the first int)
    private const long FaceChangeFeedKey = 0x46_41_46_43; // "FAFC"
    private const long MigrationLockKey = 0x46_41_4D_47; // "FAMG"
    private const int PersonClass = 0x46_41_50_45; // "FAPE"

    public override string ProviderName => "PostgreSQL";

    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseNpgsql(ConnectionString()).AddInterceptors(audit, lockedPeriods, outbox);

    /// <summary><c>ConnectionStrings:Attendance</c>, with the password kept apart from it when there is one.</summary>
    private string ConnectionString()
    {
        var connection = new NpgsqlConnectionStringBuilder(configuration.GetConnectionString(DatabaseOptions.ConnectionStringName));
        if (database.Password is { Length: > 0 } password)
        {
            connection.Password = password;
        }
        return connection.ConnectionString;
    }

    public override async Task ApplyMigrationsAsync(ILogger logger)
    {
        // EF's PostgreSQL lock covers one migration at a time, so instances starting together could interleave
        // two migrations; a session advisory lock serialises whole runs and dies with a killed instance's connection
        await using var migrationLock = new NpgsqlConnection(Database.GetConnectionString());
        await migrationLock.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", migrationLock))
        {
            await take.ExecuteNonQueryAsync();
        }
        await Database.MigrateAsync();
    }

    // the server's own vacuum reclaims deleted rows; the app keeps no files of its own beside them
    public override Task PurgeErasedRowsAsync(CancellationToken ct) => Task.CompletedTask;

    protected override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };

    /// <summary>PostgreSQL's errors that mean the server cannot take the write, as <see cref="StorageFaults"/> answers them.</summary>
    public static (int Status, string Code, string Detail)? FaultOf(Exception exception) => exception switch
    {
        PostgresException { SqlState: PostgresErrorCodes.DiskFull } => StorageFaults.Full("The database server's disk is full."),
        PostgresException { SqlState: PostgresErrorCodes.ReadOnlySqlTransaction } => StorageFaults.Unavailable("database-read-only", "The database is read-only."),
        NpgsqlException { InnerException: not PostgresException } => StorageFaults.Unavailable("database-unavailable", "The database server cannot be reached."),
        _ => null,
    };

    public override Task LockPersonAsync(Guid personId, CancellationToken ct)
    {
        var key = BitConverter.ToInt32(personId.ToByteArray(), 12); // the random tail of a version 7 Guid
        return Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PersonClass}, {key})", ct);
    }

    protected internal override Task OrderFaceChangesAsync(CancellationToken ct) =>
        Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({FaceChangeFeedKey})", ct);
}
