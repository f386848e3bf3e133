using SkiaSharp;

namespace FaceAttendance.Cli.Burst;

/// <summary>
/// Synthetic burst frames made from one photo (JPEG out, same size as the photo): a held camera's small shift, zoom and
/// exposure change between frames; a horizontal mirror (the opposite yaw); heavy motion blur; heavy darkening. Used by
/// `burst`, `challenge` and eval's burst figures. Proxies, not a camera: the docs name each.
/// </summary>
internal static class BurstFrames
{
    private const int JpegQuality = 95;

    private static readonly SKSamplingOptions Sampling = new(SKCubicResampler.Mitchell);

    /// <summary>The two jittered copies of a photo: (shift right 3 %, down 2 %, zoom 1.06, 8 % brighter) and (shift
    /// left 2 %, up 3 %, zoom 1.07, 8 % darker); the zoom keeps the edges covered.</summary>
    public static byte[][] Jittered(byte[] photo) =>
        [Shifted(photo, 0.03f, 0.02f, 1.06f, 1.08f), Shifted(photo, -0.02f, -0.03f, 1.07f, 0.92f)];

    /// <summary>A small shift (shares of the width and height), a zoom about the centre and an exposure factor.</summary>
    public static byte[] Shifted(byte[] photo, float shiftX, float shiftY, float zoom, float exposure) =>
        Draw(photo, (canvas, image, width, height) =>
        {
            canvas.Translate(width / 2f + shiftX * width, height / 2f + shiftY * height);
            canvas.Scale(zoom);
            canvas.Translate(-width / 2f, -height / 2f);
            using var paint = new SKPaint { ColorFilter = Exposure(exposure) };
            canvas.DrawImage(image, 0, 0, Sampling, paint);
        });

    /// <summary>The photo flipped left to right: the same face with roughly the opposite yaw.</summary>
    public static byte[] Mirrored(byte[] photo) =>
        Draw(photo, (canvas, image, width, _) =>
        {
            canvas.Translate(width, 0);
            canvas.Scale(-1, 1);
            canvas.DrawImage(image, 0, 0, Sampling);
        });

    /// <summary>Heavy horizontal motion blur: the mean of <paramref name="length"/> pixels along each row.</summary>
    public static byte[] MotionBlurred(byte[] photo, int length = 21) =>
        Draw(photo, (canvas, image, _, _) =>
        {
            var kernel = Enumerable.Repeat(1f / length, length).ToArray();
            using var blur = SKImageFilter.CreateMatrixConvolution(new SKSizeI(length, 1), kernel, 1, 0, new SKPointI(length / 2, 0),
                SKShaderTileMode.Clamp, convolveAlpha: false);
            using var paint = new SKPaint { ImageFilter = blur };
            canvas.DrawImage(image, 0, 0, Sampling, paint);
        });

    /// <summary>Heavy darkening: every channel scaled by <paramref name="factor"/>.</summary>
    public static byte[] Darkened(byte[] photo, float factor = 0.15f) =>
        Draw(photo, (canvas, image, _, _) =>
        {
            using var paint = new SKPaint { ColorFilter = Exposure(factor) };
            canvas.DrawImage(image, 0, 0, Sampling, paint);
        });

    private static SKColorFilter Exposure(float factor) => SKColorFilter.CreateColorMatrix(
    [
        factor, 0, 0, 0, 0,
        0, factor, 0, 0, 0,
        0, 0, factor, 0, 0,
        0, 0, 0, 1, 0,
    ]);

    private static byte[] Draw(byte[] photo, Action<SKCanvas, SKImage, int, int> draw)
    {
        using var image = SKImage.FromEncodedData(photo) ?? throw new InvalidDataException("not a photo Skia can decode");
        using var bitmap = new SKBitmap(image.Width, image.Height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(96, 96, 96));
            draw(canvas, image, image.Width, image.Height);
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, JpegQuality);
        return data.ToArray();
    }
}
