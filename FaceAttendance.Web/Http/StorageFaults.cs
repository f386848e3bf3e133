using FaceAttendance.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace FaceAttendance.Web.Http;

/// <summary>
/// The disk or database failing under a request, as the ProblemDetails it answers: 507 when space ran out, 503 when
/// the database or the files cannot be written now. Whatever failed was not confirmed, so the client may retry later.
/// The database's own errors are read by its provider (<see cref="DatabaseSetup.FaultOf"/>).
/// </summary>
internal static class StorageFaults
{
    private const int NoSpaceLeft = 28; // ENOSPC, as .NET reports it in IOException.HResult on Unix
    private const int ReadOnlyFileSystem = 30; // EROFS
    private const int WindowsDiskFull = unchecked((int)0x80070070);

    public static (int Status, string Code, string Detail)? Classify(Exception exception) => exception switch
    {
        DbUpdateException { InnerException: { } inner } => Classify(inner),
        DataDirMissingException missing => Unavailable("data-dir-missing", missing.Message),
        IOException { HResult: NoSpaceLeft or WindowsDiskFull } => Full("The disk under DataDir is full."),
        IOException { HResult: ReadOnlyFileSystem } => Unavailable("storage-read-only", "DataDir cannot be written (read-only file system)."),
        _ => DatabaseSetup.FaultOf(exception),
    };

    public static (int, string, string) Full(string detail) =>
        (StatusCodes.Status507InsufficientStorage, "disk-full", detail + " Nothing was stored; free space and try again.");

    public static (int, string, string) Unavailable(string code, string detail) =>
        (StatusCodes.Status503ServiceUnavailable, code, detail + " Nothing was stored; try again once it is fixed.");
}

/// <summary>DataDir, or the SQLite file in it, is no longer where the app opened it (deleted or moved): SQLite would
/// write on into the unlinked file and a new folder would hold photos without their database, all lost at the next
/// start, so the write is refused instead.</summary>
public sealed class DataDirMissingException(string path)
    : Exception($"{path} is gone (was DataDir deleted?); restart the app on a DataDir that holds its database.");
