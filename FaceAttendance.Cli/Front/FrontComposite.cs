using FaceAttendance.Vision;
using SkiaSharp;

namespace FaceAttendance.Cli.Front;

public enum BystanderPlace { OffCentre, NearCentral }

/// <summary>
/// A synthetic kiosk frame: a photo (its face in the middle) on a 480×360 canvas, with a second person's face pasted behind
/// it at a share of the main face's width, then the main face redrawn over it, so the second face is never in front.
/// Near-central puts the second face's centre about one face width from the main face's (over the shoulder, overlapping
/// its edge); off-centre about 1.35 widths away, towards the frame's edge. Used by `front` and by the tests.
/// </summary>
internal static class FrontComposite
{
    public const int Width = 480;
    public const int Height = 360;

    private static readonly SKSamplingOptions Sampling = new(SKCubicResampler.Mitchell);

    /// <param name="mainFace">the main photo's face box, in the main photo's pixels.</param>
    /// <param name="bystanderFace">the bystander photo's face box, in its pixels.</param>
    /// <param name="toTheLeft">which side of the main face the bystander goes.</param>
    /// <returns>the JPEG, and where the main and the bystander faces are in it.</returns>
    public static (byte[] Jpeg, FaceBox Main, FaceBox Bystander) Build(byte[] mainPhoto, FaceBox mainFace, byte[] bystanderPhoto,
        FaceBox bystanderFace, float scale, BystanderPlace place, bool toTheLeft)
    {
        using var main = SKImage.FromEncodedData(mainPhoto);
        using var bystander = SKImage.FromEncodedData(bystanderPhoto);
        var (left, top) = ((Width - main.Width) / 2f, (Height - main.Height) / 2f);
        var mainBox = new FaceBox(mainFace.X + left, mainFace.Y + top, mainFace.Width, mainFace.Height);
        var (mainX, mainY) = (mainBox.X + mainBox.Width / 2, mainBox.Y + mainBox.Height / 2);
        var (offsetX, offsetY) = place == BystanderPlace.NearCentral ? (0.95f, -0.35f) : (1.35f, -0.3f);
        var side = toTheLeft ? -1 : 1;
        var (centreX, centreY) = (mainX + side * offsetX * mainBox.Width, mainY + offsetY * mainBox.Width);
        var zoom = scale * mainBox.Width / bystanderFace.Width;
        var bystanderBox = new FaceBox(centreX - bystanderFace.Width * zoom / 2, centreY - bystanderFace.Height * zoom / 2,
            bystanderFace.Width * zoom, bystanderFace.Height * zoom);

        using var bitmap = new SKBitmap(Width, Height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(96, 96, 96));
            canvas.DrawImage(main, left, top, Sampling);
            // the bystander's head with some context: its face box enlarged 1.4×
            canvas.DrawImage(bystander, Enlarged(bystanderFace, 1.4f), Enlarged(bystanderBox, 1.4f), Sampling, null);
            var front = Enlarged(mainBox, 1.15f);
            canvas.Save();
            canvas.ClipRoundRect(new SKRoundRect(front, front.Width / 2, front.Height / 2), antialias: true);
            canvas.DrawImage(main, left, top, Sampling);
            canvas.Restore();
        }
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 95);
        return (data.ToArray(), mainBox, bystanderBox);
    }

    public static bool Contains(FaceBox box, FaceBox face)
    {
        var (x, y) = (face.X + face.Width / 2, face.Y + face.Height / 2);
        return x >= box.X && x <= box.X + box.Width && y >= box.Y && y <= box.Y + box.Height;
    }

    private static SKRect Enlarged(FaceBox box, float factor)
    {
        var (x, y) = (box.X + box.Width / 2, box.Y + box.Height / 2);
        var (halfWidth, halfHeight) = (box.Width * factor / 2, box.Height * factor / 2);
        return new SKRect(x - halfWidth, y - halfHeight, x + halfWidth, y + halfHeight);
    }
}
