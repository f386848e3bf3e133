using System.Runtime.InteropServices;
using SkiaSharp;

namespace FaceAttendance.Vision;

/// <summary>
/// Turns uploaded bytes into a <see cref="FaceImage"/>. Everything that can be judged from the header (size, pixel
/// count, format) is refused before any pixel is decoded, so a small file claiming huge dimensions costs nothing.
/// Only JPEG, PNG and WebP are accepted: cameras and browsers produce these, while GIF (256 colours) degrades a face
/// and BMP is uncompressed, so neither is worth the extra attack surface.
/// </summary>
public sealed class ImageDecoder
{
    private static readonly SKEncodedImageFormat[] AcceptedFormats =
        [SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Png, SKEncodedImageFormat.Webp];

    private readonly long _maxBytes;
    private readonly long _maxPixels;
    private readonly long _maxDecodedPixels;
    private readonly long _maxFullSizeDecodePixels;
    private readonly SemaphoreSlim _decodeSlots;

    public ImageDecoder(FaceEngineOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxImageBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxImagePixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxDecodedPixels);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxFullSizeDecodePixels, options.MaxDecodedPixels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxConcurrentDecodes);
        _maxBytes = options.MaxImageBytes;
        _maxPixels = options.MaxImagePixels;
        _maxDecodedPixels = options.MaxDecodedPixels;
        _maxFullSizeDecodePixels = options.MaxFullSizeDecodePixels;
        _decodeSlots = new SemaphoreSlim(options.MaxConcurrentDecodes);
    }

    /// <summary>Decodes, scaled down to at most <see cref="FaceEngineOptions.MaxDecodedPixels"/>.</summary>
    /// <exception cref="ImageRejectedException">The bytes are empty, too large, too many pixels or not a decodable image.</exception>
    public unsafe FaceImage Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.IsEmpty)
        {
            throw new ImageRejectedException(ImageRejection.Empty, "The image is empty.");
        }
        if (encoded.Length > _maxBytes)
        {
            throw new ImageRejectedException(ImageRejection.TooLarge,
                $"The image is {encoded.Length:N0} bytes; at most {_maxBytes:N0} are accepted.");
        }
        fixed (byte* bytes = encoded)
        {
            // Skia reads the caller's memory in place while it is pinned; nothing outlives this block.
            using var data = SKData.Create((IntPtr)bytes, encoded.Length);
            using var codec = SKCodec.Create(data)
                ?? throw new ImageRejectedException(ImageRejection.Undecodable, "The data is not a JPEG, PNG or WebP image.");
            var decodeSize = CheckHeader(codec);
            _decodeSlots.Wait();
            try
            {
                return DecodePixels(codec, decodeSize);
            }
            finally
            {
                _decodeSlots.Release();
            }
        }
    }

    /// <returns>The size the codec will decode to: scaled towards <see cref="_maxDecodedPixels"/> where it can.</returns>
    private SKSizeI CheckHeader(SKCodec codec)
    {
        if (!AcceptedFormats.Contains(codec.EncodedFormat))
        {
            throw new ImageRejectedException(ImageRejection.Undecodable,
                $"{codec.EncodedFormat} images are not accepted; send a JPEG, PNG or WebP.");
        }
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (width <= 0 || height <= 0)
        {
            throw new ImageRejectedException(ImageRejection.Undecodable, "The image header has no valid dimensions.");
        }
        var pixels = (long)width * height;
        if (pixels > _maxPixels)
        {
            throw new ImageRejectedException(ImageRejection.TooManyPixels,
                $"The image is {width}×{height} pixels; at most {_maxPixels:N0} pixels are accepted.");
        }
        // JPEG scales by eighths and WebP freely; PNG answers its full size
        var decodeSize = pixels <= _maxDecodedPixels ? codec.Info.Size : codec.GetScaledDimensions((float)Math.Sqrt((double)_maxDecodedPixels / pixels));
        if ((long)decodeSize.Width * decodeSize.Height > _maxFullSizeDecodePixels)
        {
            throw new ImageRejectedException(ImageRejection.TooManyPixels,
                $"The {codec.EncodedFormat} image is {width}×{height} pixels; at most {_maxFullSizeDecodePixels:N0} pixels are accepted in this format (send a JPEG for larger photos).");
        }
        return decodeSize;
    }

    private unsafe FaceImage DecodePixels(SKCodec codec, SKSizeI decodeSize)
    {
        var info = new SKImageInfo(decodeSize.Width, decodeSize.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        // native memory, freed at once: a pooled buffer would keep a burst's worth of large decodes resident
        var rgba = NativeHeap.Alloc((nuint)info.BytesSize64);
        try
        {
            // IncompleteInput means Skia filled the missing rows with grey: a cut-off upload, not a usable photo.
            var result = codec.GetPixels(info, (IntPtr)rgba);
            if (result != SKCodecResult.Success)
            {
                throw new ImageRejectedException(ImageRejection.Undecodable, result == SKCodecResult.IncompleteInput
                    ? "The image data is truncated."
                    : $"The image data is damaged ({result}).");
            }
            var decoded = new SKPixmap(info, (IntPtr)rgba);
            return (long)info.Width * info.Height <= _maxDecodedPixels
                ? ExifOrientation.ToUprightRgb(decoded, codec.EncodedOrigin)
                : ScaledToLimit(decoded, codec.EncodedOrigin);
        }
        finally
        {
            NativeHeap.Free(rgba, (nuint)info.BytesSize64);
        }
    }

    /// <summary>The last step for a full-size decode (PNG): a filtered resize to the decode limit.</summary>
    private unsafe FaceImage ScaledToLimit(SKPixmap decoded, SKEncodedOrigin origin)
    {
        var factor = Math.Sqrt((double)_maxDecodedPixels / ((long)decoded.Width * decoded.Height));
        var info = decoded.Info.WithSize(Math.Max(1, (int)(decoded.Width * factor)), Math.Max(1, (int)(decoded.Height * factor)));
        var rgba = NativeHeap.Alloc((nuint)info.BytesSize64);
        try
        {
            var scaled = new SKPixmap(info, (IntPtr)rgba);
            decoded.ScalePixels(scaled, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
            return ExifOrientation.ToUprightRgb(scaled, origin);
        }
        finally
        {
            NativeHeap.Free(rgba, (nuint)info.BytesSize64);
        }
    }
}
