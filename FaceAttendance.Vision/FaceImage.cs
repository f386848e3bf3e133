using System.Runtime.InteropServices;

namespace FaceAttendance.Vision;

/// <summary>
/// A decoded photo: 8-bit RGB pixels, EXIF orientation already applied, in native memory owned by this object.
/// Dispose it when done: the memory goes straight back to the operating system (a pool would keep a burst of large
/// photos resident for good). It must not be used after that.
/// </summary>
public sealed unsafe class FaceImage : IDisposable
{
    private nint _pixels;

    internal FaceImage(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        _pixels = (nint)NativeHeap.Alloc((nuint)checked(width * height * 3));
        GC.AddMemoryPressure(width * height * 3L);
    }

    ~FaceImage() => Free();

    public int Width { get; }

    public int Height { get; }

    /// <summary>Bytes per row of <see cref="Rgb"/> (rows are packed, no padding).</summary>
    public int RowBytes => Width * 3;

    /// <summary>
    /// The pixels, row by row from the top, 3 bytes per pixel in R, G, B order: pixel (x, y) starts at
    /// <c>y * RowBytes + x * 3</c>. Read directly; no copy is made.
    /// </summary>
    public ReadOnlySpan<byte> Rgb => WritableRgb;

    internal Span<byte> WritableRgb => _pixels != 0
        ? new Span<byte>((byte*)_pixels, Height * RowBytes)
        : throw new ObjectDisposedException(nameof(FaceImage));

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        var pixels = Interlocked.Exchange(ref _pixels, 0);
        if (pixels != 0)
        {
            NativeHeap.Free((void*)pixels, (nuint)(Width * Height * 3));
            GC.RemoveMemoryPressure(Width * Height * 3L);
        }
    }
}
