using FaceAttendance.Web.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Data;

/// <summary>
/// SQLite: attendance.db in DataDir, used by one process (<see cref="DataDirLock"/>). One writer at a time per database
/// file, and every explicit transaction begins IMMEDIATE (Microsoft.Data.Sqlite's default), taking the write lock at
/// once. So a transaction is already exclusive across connections and processes, and the locks below have nothing more to do.
/// </summary>
public sealed class SqliteAttendanceDbContext(DbContextOptions<SqliteAttendanceDbContext> options, DataDirOptions dataDir,
    AuditTrail audit, Approvals.LockedPeriodWatch lockedPeriods, Webhooks.WebhookOutbox outbox, DataDirLock dataDirLock) : AttendanceDbContext(options)
{
    // a second row with a unique column's value (SQLITE_CONSTRAINT_UNIQUE) or a primary key's (SQLITE_CONSTRAINT_PRIMARYKEY,
    // as ScanDecisions' snapshot key)
    private const int UniqueConstraintFailed = 2067;
    private const int PrimaryKeyConstraintFailed = 1555;

    public override string ProviderName => "SQLite";

    // DataDir is made once at start (DataDirSetup), never here: a context made after it was deleted would make a new,
    // empty database beside the lost one
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.UseSqlite($"Data Source={Path.Combine(dataDir.DataPath, "attendance.db")}").AddInterceptors(audit, lockedPeriods, outbox, SqliteSecureDelete.Instance);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // SQLite enforces no length, and declaring BreakStart's longer one would rebuild the events table: the
        // length the table was made with stays in this provider's model
        modelBuilder.Entity<AttendanceEvent>().Property(e => e.Kind).HasMaxLength(8);
    }

    /// <summary>Takes DataDir's lock first, before the database is touched: it keeps a second process off this database,
    /// and proves that a migration lock found in it was left by a start that died.</summary>
    public override async Task ApplyMigrationsAsync(ILogger logger)
    {
        dataDirLock.Acquire(dataDir.DataPath);
        await ClearStaleMigrationLockAsync(logger);
        // only when there is something to apply: EF's migration lock is a write, which a full disk refuses, and
        // an up-to-date database must still start there (writes answer 507 until there is room)
        if ((await Database.GetPendingMigrationsAsync()).Any())
        {
            await Database.MigrateAsync();
        }
        // write-ahead logging lets the admin pages read while a kiosk check-in writes; the mode sticks to the file
        await Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }

    /// <summary>
    /// EF marks a migration in progress with a row in <c>__EFMigrationsLock</c> on SQLite, and a start killed meanwhile
    /// leaves it, making every later start wait for it forever. Holding the <see cref="DataDirLock"/> proves no other
    /// process is migrating, so any row found is stale.
    /// </summary>
    private async Task ClearStaleMigrationLockAsync(ILogger logger)
    {
        var lockTables = await Database
            .SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsLock'")
            .SingleAsync();
        if (lockTables > 0 && await Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsLock\"") > 0)
        {
            logger.LogWarning("Cleared the migration lock left by a start that did not finish");
        }
    }

    /// <summary><see cref="SqliteSecureDelete"/> zeroes freed pages in the database file, but the write-ahead log keeps
    /// their older images until a checkpoint.</summary>
    public override Task PurgeErasedRowsAsync(CancellationToken ct) => Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", ct);

    protected override bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is SqliteException { SqliteExtendedErrorCode: UniqueConstraintFailed or PrimaryKeyConstraintFailed };

    /// <summary>SQLite's errors that mean the file or its disk cannot take the write, as <see cref="StorageFaults"/> answers them.</summary>
    public static (int Status, string Code, string Detail)? FaultOf(Exception exception) => exception switch
    {
        SqliteException { SqliteErrorCode: 13 } => StorageFaults.Full("The disk under the database is full."),
        SqliteException { SqliteErrorCode: 8 } => StorageFaults.Unavailable("database-read-only", "The database file cannot be written (read-only)."),
        SqliteException { SqliteErrorCode: 10 or 11 or 14 or 26 } sqlite => StorageFaults.Unavailable("database-unavailable", $"The database file cannot be used: {sqlite.Message}"),
        _ => null,
    };

    /// <summary>Refuses to confirm a write into a database file that was deleted under the app: SQLite would write on
    /// into the unlinked file, and the data would be gone at the next start.</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var path = Database.GetDbConnection().DataSource;
        return File.Exists(path) ? base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken) : throw new DataDirMissingException(path);
    }

    public override Task LockPersonAsync(Guid personId, CancellationToken ct) => RequireTransaction();

    protected internal override Task OrderFaceChangesAsync(CancellationToken ct) => RequireTransaction();

    private Task RequireTransaction() => Database.CurrentTransaction is not null
        ? Task.CompletedTask
        : throw new InvalidOperationException("The lock is only held inside a transaction.");
}
