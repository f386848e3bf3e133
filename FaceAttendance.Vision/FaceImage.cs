using System.Buffers;

namespace FaceAttendance.Vision;

/// <summary>
/// A decoded photo: 8-bit RGB pixels, EXIF orientation already applied, in a buffer rented from the shared pool.
/// Dispose it when done so the buffer goes back to the pool; it must not be used after that.
/// </summary>
public sealed class FaceImage : IDisposable
{
    private byte[]? _buffer;

    internal FaceImage(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
        _buffer = ArrayPool<byte>.Shared.Rent(checked(width * height * 3));
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Bytes per row of <see cref="Rgb"/> (rows are packed, no padding).</summary>
    public int RowBytes => Width * 3;

    /// <summary>
    /// The pixels, row by row from the top, 3 bytes per pixel in R, G, B order: pixel (x, y) starts at
    /// <c>y * RowBytes + x * 3</c>. Read directly; no copy is made.
    /// </summary>
    public ReadOnlySpan<byte> Rgb => RentedPixels.AsSpan(0, Height * RowBytes);

    internal Span<byte> WritableRgb => RentedPixels.AsSpan(0, Height * RowBytes);

    private byte[] RentedPixels => _buffer ?? throw new ObjectDisposedException(nameof(FaceImage));

    public void Dispose()
    {
        var buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
