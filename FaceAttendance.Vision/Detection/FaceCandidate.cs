namespace FaceAttendance.Vision.Detection;

/// <summary>
/// A BlazeFace detection as Human hands it to the mesh step: its box scaled to the image, enlarged 1.4× and made
/// square with corners rounded to whole pixels (so width and height can differ by one).
/// </summary>
internal readonly record struct FaceCandidate(double StartX, double StartY, double EndX, double EndY, float Score)
{
    public double Width => EndX - StartX;

    public double Height => EndY - StartY;

    public double CenterX => StartX + (EndX - StartX) / 2;

    public double CenterY => StartY + (EndY - StartY) / 2;
}
