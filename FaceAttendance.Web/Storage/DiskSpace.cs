using FaceAttendance.Web.Http;
using FaceAttendance.Web.Data;

namespace FaceAttendance.Web.Storage;

/// <summary>
/// Whether DataDir can take more writes: the disk keeps <see cref="StorageOptions.MinFreeBytes"/> free and DataDir stays
/// under <see cref="StorageOptions.QuotaBytes"/>. Measured at most once a second (a quota walks the folder), so a burst
/// of uploads does not stat the disk for each one. Writes are refused with 507 before they start, deletes still run.
/// </summary>
public sealed class DiskSpace(StorageOptions storage, DataDirOptions dataDir, TimeProvider time)
{
    private static readonly TimeSpan MeasureEvery = TimeSpan.FromSeconds(1);
    private readonly Lock _lock = new();
    private (DateTimeOffset At, StorageShortage? Shortage) _last = (DateTimeOffset.MinValue, null);

    /// <returns>Why DataDir cannot take more writes now, or null when it can.</returns>
    public StorageShortage? Shortage()
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now - _last.At >= MeasureEvery || now < _last.At)
            {
                _last = (now, Measure());
            }
            return _last.Shortage;
        }
    }

    private StorageShortage? Measure()
    {
        var path = dataDir.DataPath;
        if (!Directory.Exists(path))
        {
            return new StorageShortage(StatusCodes.Status503ServiceUnavailable, "data-dir-missing", new DataDirMissingException(path).Message);
        }
        var free = new DriveInfo(path).AvailableFreeSpace;
        if (free < storage.MinFreeBytes)
        {
            return Full($"The disk under DataDir has {free / (1024 * 1024)} MB free; FaceAttendance:Storage:MinFreeBytes keeps {storage.MinFreeBytes / (1024 * 1024)} MB.");
        }
        if (storage.QuotaBytes > 0)
        {
            var used = new DirectoryInfo(path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);
            if (used >= storage.QuotaBytes)
            {
                return Full($"DataDir holds {used / (1024 * 1024)} MB, its quota (FaceAttendance:Storage:QuotaBytes) is {storage.QuotaBytes / (1024 * 1024)} MB.");
            }
        }
        return null;
    }

    private static StorageShortage Full(string detail) => new(StatusCodes.Status507InsufficientStorage, "insufficient-storage", detail);
}

public sealed record StorageShortage(int Status, string Code, string Detail);

/// <summary>Refuses requests that would write (POST, PUT, PATCH) with 507 (503 without DataDir) while <see cref="DiskSpace"/> reports a shortage.
/// Signing in stays possible, and so do deletes, which are how an admin frees space.</summary>
internal static class DiskSpaceGuard
{
    public static void UseDiskSpaceGuard(this WebApplication app) => app.Use(async (context, next) =>
    {
        if (HttpMethods.IsPost(context.Request.Method) || HttpMethods.IsPut(context.Request.Method) || HttpMethods.IsPatch(context.Request.Method))
        {
            if (!context.Request.Path.StartsWithSegments(Admin.AdminAuth.LoginPath, StringComparison.OrdinalIgnoreCase)
                && context.RequestServices.GetRequiredService<DiskSpace>().Shortage() is { } shortage)
            {
                await Problems.Of(shortage.Status, shortage.Code, $"{shortage.Detail} Nothing was stored.").ExecuteAsync(context);
                return;
            }
        }
        await next(context);
    });
}
