using SkiaSharp;

namespace FaceAttendance.Vision;

/// <summary>
/// Applies the EXIF orientation while dropping alpha, so faces reach the detector upright exactly as a viewer shows
/// the photo. Each destination pixel reads the source pixel at <c>origin + dx*stepX + dy*stepY</c>.
/// </summary>
internal static class ExifOrientation
{
    public static unsafe FaceImage ToUprightRgb(SKPixmap decoded, SKEncodedOrigin origin)
    {
        var (width, height) = (decoded.Width, decoded.Height);
        var rgba = new ReadOnlySpan<byte>((void*)decoded.GetPixels(), decoded.BytesSize);
        var swapsAxes = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop
            or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var image = swapsAxes ? new FaceImage(height, width) : new FaceImage(width, height);
        var (start, stepX, stepY) = SourceWalk(origin, width, height);
        var rgb = image.WritableRgb;
        var target = 0;
        for (var dy = 0; dy < image.Height; dy++)
        {
            var source = start + dy * stepY;
            for (var dx = 0; dx < image.Width; dx++, source += stepX, target += 3)
            {
                var s = source * 4;
                rgb[target] = rgba[s];
                rgb[target + 1] = rgba[s + 1];
                rgb[target + 2] = rgba[s + 2];
            }
        }
        return image;
    }

    // Source pixel index of destination (0,0), and how it moves per destination step right / down.
    private static (int Start, int StepX, int StepY) SourceWalk(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => (width - 1, -1, width),                            // mirrored left-right
        SKEncodedOrigin.BottomRight => (width * height - 1, -1, -width),               // rotated 180°
        SKEncodedOrigin.BottomLeft => ((height - 1) * width, 1, -width),               // mirrored top-bottom
        SKEncodedOrigin.LeftTop => (0, width, 1),                                      // transposed
        SKEncodedOrigin.RightTop => ((height - 1) * width, -width, 1),                 // shown rotated 90° clockwise
        SKEncodedOrigin.RightBottom => (width * height - 1, -width, -1),               // transverse
        SKEncodedOrigin.LeftBottom => (width - 1, width, -1),                          // shown rotated 90° anticlockwise
        _ => (0, 1, width),
    };
}
