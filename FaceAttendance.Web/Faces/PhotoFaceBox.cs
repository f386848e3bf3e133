using FaceAttendance.Vision;

namespace FaceAttendance.Web.Faces;

/// <summary>
/// Where the face taken from a photo is: its box in the photo's pixels (upright, as the engine decoded it; a photo larger
/// than the engine decodes is measured at its decoded size) and that photo's width and height, so a page can draw the box
/// over the photo at any scale.
/// </summary>
public sealed record PhotoFaceBox(int X, int Y, int Width, int Height, int PhotoWidth, int PhotoHeight)
{
    public static PhotoFaceBox Of(FaceBox box, int photoWidth, int photoHeight) => new(
        (int)MathF.Round(box.X), (int)MathF.Round(box.Y), (int)MathF.Round(box.Width), (int)MathF.Round(box.Height), photoWidth, photoHeight);
}
