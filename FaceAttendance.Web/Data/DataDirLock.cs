namespace FaceAttendance.Web.Data;

/// <summary>
/// One process per SQLite data dir: two would each keep their own face index and both could check a person in. The
/// lock file is held open without sharing (an advisory lock the kernel drops when the process dies, even by kill -9),
/// so a crash never leaves it stale. Released when the app's services are disposed.
/// </summary>
public sealed class DataDirLock : IDisposable
{
    public const string FileName = "attendance.lock";
    private FileStream? _held;

    public void Acquire(string dataPath)
    {
        var path = Path.Combine(dataPath, FileName);
        Directory.CreateDirectory(dataPath);
        try
        {
            _held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (UnauthorizedAccessException)
        {
            throw NotWritable(dataPath);
        }
        catch (IOException)
        {
            throw new InvalidOperationException(
                $"another FaceAttendance process is using DataDir {dataPath} (it holds {path}). Stop it, or give this one its own " +
                "FaceAttendance:DataDir; many instances share a PostgreSQL database instead (FaceAttendance:Database:Provider=Postgres).");
        }
    }

    public void Dispose() => _held?.Dispose();

    public static InvalidOperationException NotWritable(string dataPath) => new(
        $"DataDir {dataPath} cannot be written by this user ({Environment.UserName}); give it write access or choose another FaceAttendance:DataDir.");
}
