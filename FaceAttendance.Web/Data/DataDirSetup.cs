using System.Runtime.InteropServices;

namespace FaceAttendance.Web.Data;

/// <summary>
/// Before anything is written: DataDir readable by the app's user only, and every file the process creates (the
/// database, its journal, photos, the key ring's key) created 0600 and folders 0700, whoever set up the machine's umask.
/// </summary>
internal static partial class DataDirSetup
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public static void PrepareDataDir(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DataDirOptions>();
        if (!OperatingSystem.IsWindows())
        {
            umask(0b000_111_111); // 077: no access for group and others
            try
            {
                Directory.CreateDirectory(options.DataPath, OwnerOnly);
                File.SetUnixFileMode(options.DataPath, OwnerOnly);
            }
            catch (UnauthorizedAccessException)
            {
                throw DataDirLock.NotWritable(options.DataPath);
            }
        }
        else
        {
            Directory.CreateDirectory(options.DataPath);
        }
        if (app.Services.GetRequiredService<Storage.DiskSpace>().Shortage() is { } shortage)
        {
            // it still starts: people can sign in, read, export and delete to make room
            app.Logger.LogWarning("Starting without room to write: {Detail} Writes answer {Status} until that is fixed.", shortage.Detail, shortage.Status);
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint umask(uint mask);
}
