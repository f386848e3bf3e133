using System.Text;
using SkiaSharp;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>
/// Writes the Y4M file Chromium plays as its fake webcam (--use-file-for-fake-video-capture): a still photo
/// centred on a grey 640x480 canvas (shrunk only if it does not fit), repeated for a few dozen frames.
/// </summary>
internal static class FakeWebcamVideo
{
    private const int Width = 640;
    private const int Height = 480;
    private const int Frames = 30;

    public static void Write(string photoPath, string y4mPath)
    {
        using var frame = RenderFrame(photoPath);
        var (y, u, v) = ToYuv420(frame);
        using var file = File.Create(y4mPath);
        file.Write(Encoding.ASCII.GetBytes($"YUV4MPEG2 W{Width} H{Height} F10:1 Ip A1:1 C420\n"));
        for (var repeat = 0; repeat < Frames; repeat++)
        {
            file.Write("FRAME\n"u8);
            file.Write(y);
            file.Write(u);
            file.Write(v);
        }
    }

    /// <summary>The same frame as a JPEG, close to what the kiosk will capture from the fake webcam.</summary>
    public static byte[] FrameAsJpeg(string photoPath)
    {
        using var frame = RenderFrame(photoPath);
        using var image = SKImage.FromBitmap(frame);
        using var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90);
        return jpeg.ToArray();
    }

    private static SKBitmap RenderFrame(string photoPath)
    {
        using var photo = SKBitmap.Decode(photoPath) ?? throw new InvalidDataException($"cannot decode {photoPath}");
        var frame = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(frame);
        canvas.Clear(new SKColor(128, 128, 128));
        var scale = Math.Min(1f, Math.Min((float)Width / photo.Width, (float)Height / photo.Height));
        var (width, height) = (photo.Width * scale, photo.Height * scale);
        using var image = SKImage.FromBitmap(photo);
        canvas.DrawImage(image, SKRect.Create((Width - width) / 2, (Height - height) / 2, width, height),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.None));
        return frame;
    }

    // BT.601 limited range, which is what Chromium assumes for Y4M input; chroma is averaged over 2x2 blocks.
    private static (byte[] Y, byte[] U, byte[] V) ToYuv420(SKBitmap frame)
    {
        var rgba = frame.GetPixelSpan();
        var y = new byte[Width * Height];
        var u = new byte[Width * Height / 4];
        var v = new byte[Width * Height / 4];
        for (var row = 0; row < Height; row++)
        {
            for (var column = 0; column < Width; column++)
            {
                var i = (row * Width + column) * 4;
                y[row * Width + column] = Clamp(16 + (65.738 * rgba[i] + 129.057 * rgba[i + 1] + 25.064 * rgba[i + 2]) / 256);
            }
        }
        for (var row = 0; row < Height / 2; row++)
        {
            for (var column = 0; column < Width / 2; column++)
            {
                double r = 0, g = 0, b = 0;
                foreach (var (dy, dx) in (ReadOnlySpan<(int, int)>)[(0, 0), (0, 1), (1, 0), (1, 1)])
                {
                    var i = (((row * 2) + dy) * Width + (column * 2) + dx) * 4;
                    r += rgba[i] / 4.0;
                    g += rgba[i + 1] / 4.0;
                    b += rgba[i + 2] / 4.0;
                }
                u[row * Width / 2 + column] = Clamp(128 + (-37.945 * r - 74.494 * g + 112.439 * b) / 256);
                v[row * Width / 2 + column] = Clamp(128 + (112.439 * r - 94.154 * g - 18.285 * b) / 256);
            }
        }
        return (y, u, v);
    }

    private static byte Clamp(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
}
