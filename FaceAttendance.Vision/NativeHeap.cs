using System.Runtime.InteropServices;

namespace FaceAttendance.Vision;

/// <summary>
/// Pixel buffers outside the GC heap, freed at once. On Linux a large one is its own anonymous mapping, returned to the
/// system by munmap. Through malloc it would not be: once glibc frees a mapped chunk it raises its mmap threshold to
/// that size (up to 32 MB), so the large buffers after a burst come from the heap and stay resident. Small buffers go
/// through malloc, which reuses them cheaply (a fresh mapping per 250x250 decode cost 1.6 ms in page faults).
/// </summary>
internal static unsafe partial class NativeHeap
{
    /// <summary>Buffers at least this large are mapped directly (one 1-megapixel RGB image is 3 MB).</summary>
    private const nuint MappedFromBytes = 1024 * 1024;

    private const int ProtReadWrite = 0x1 | 0x2;
    private const int MapPrivateAnonymous = 0x02 | 0x20; // the same on x86-64 and arm64 Linux

    public static void* Alloc(nuint bytes)
    {
        if (!OperatingSystem.IsLinux() || bytes < MappedFromBytes)
        {
            return NativeMemory.Alloc(bytes);
        }
        var mapped = mmap(null, bytes, ProtReadWrite, MapPrivateAnonymous, -1, 0);
        return mapped == (void*)-1 ? throw new OutOfMemoryException($"Could not map {bytes} bytes for an image.") : mapped;
    }

    /// <param name="bytes">the size it was allocated with.</param>
    public static void Free(void* buffer, nuint bytes)
    {
        if (!OperatingSystem.IsLinux() || bytes < MappedFromBytes)
        {
            NativeMemory.Free(buffer);
        }
        else
        {
            munmap(buffer, bytes);
        }
    }

    [LibraryImport("libc", EntryPoint = "mmap")]
    private static partial void* mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [LibraryImport("libc", EntryPoint = "munmap")]
    private static partial int munmap(void* address, nuint length);
}
