using System.Runtime.InteropServices;

namespace FaceAttendance.Vision;

/// <summary>
/// glibc serves a large allocation from its own mapping only until one is freed; then it raises that threshold to the
/// freed size and serves later decode buffers from the heap, which keeps them resident after a burst. Pinning the
/// threshold at glibc's default makes every decode buffer a mapping that <c>free</c> gives back to the system.
/// </summary>
internal static partial class NativeHeap
{
    private const int MmapThresholdOption = -3; // M_MMAP_THRESHOLD in malloc.h
    private const int MmapThresholdBytes = 128 * 1024;

    private static readonly Lazy<bool> Pinned = new(() =>
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            return mallopt(MmapThresholdOption, MmapThresholdBytes) == 1;
        }
        catch (EntryPointNotFoundException)
        {
            return false; // musl has no mallopt, and no such threshold to pin
        }
    });

    public static bool PinMmapThreshold() => Pinned.Value;

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int mallopt(int param, int value);
}
