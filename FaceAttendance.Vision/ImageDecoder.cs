using System.Buffers;
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

    public ImageDecoder(FaceEngineOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxImageBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.MaxImagePixels);
        _maxBytes = options.MaxImageBytes;
        _maxPixels = options.MaxImagePixels;
    }

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
            CheckHeader(codec);
            return DecodePixels(codec);
        }
    }

    private void CheckHeader(SKCodec codec)
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
        if ((long)width * height > _maxPixels)
        {
            throw new ImageRejectedException(ImageRejection.TooManyPixels,
                $"The image is {width}×{height} pixels; at most {_maxPixels:N0} pixels are accepted.");
        }
    }

    private static unsafe FaceImage DecodePixels(SKCodec codec)
    {
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var rgba = ArrayPool<byte>.Shared.Rent(info.BytesSize);
        try
        {
            SKCodecResult result;
            fixed (byte* pixels = rgba)
            {
                result = codec.GetPixels(info, (IntPtr)pixels);
            }
            // IncompleteInput means Skia filled the missing rows with grey: a cut-off upload, not a usable photo.
            if (result != SKCodecResult.Success)
            {
                throw new ImageRejectedException(ImageRejection.Undecodable, result == SKCodecResult.IncompleteInput
                    ? "The image data is truncated."
                    : $"The image data is damaged ({result}).");
            }
            return ExifOrientation.ToUprightRgb(rgba, info.Width, info.Height, codec.EncodedOrigin);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rgba);
        }
    }
}
