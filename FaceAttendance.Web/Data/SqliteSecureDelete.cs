using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace FaceAttendance.Web.Data;

/// <summary>
/// SQLite otherwise leaves deleted rows in the file's free pages, so an erased person's embedding and email could be
/// read back from attendance.db. With secure_delete on every connection, SQLite overwrites what it frees with zeros.
/// (The write-ahead log keeps older page images until a checkpoint; erasure checkpoints, see
/// <see cref="SqliteAttendanceDbContext.PurgeErasedRowsAsync"/>.)
/// </summary>
public sealed class SqliteSecureDelete : DbConnectionInterceptor
{
    public static readonly SqliteSecureDelete Instance = new();
    private const string TurnOn = "PRAGMA secure_delete = ON;";

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = TurnOn;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = TurnOn;
        command.ExecuteNonQuery();
    }
}
