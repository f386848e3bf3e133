namespace FaceAttendance.Vision.Detection;

/// <summary>
/// BlazeFace's 896 anchor centres in input pixels, in the order of the model's concatenated outputs:
/// a 16×16 grid with 2 anchors per cell (stride 16), then an 8×8 grid with 6 per cell (stride 32).
/// Same as Human's generateAnchors(256).
/// </summary>
internal static class BlazeFaceAnchors
{
    public const int InputSize = 256;
    public const int Count = 896;

    /// <summary>x, y pairs.</summary>
    public static readonly float[] Centers = Generate();

    private static float[] Generate()
    {
        var centers = new float[Count * 2];
        var i = 0;
        foreach (var (stride, perCell) in new[] { (16, 2), (32, 6) })
        {
            var cells = (InputSize + stride - 1) / stride;
            for (var gridY = 0; gridY < cells; gridY++)
            {
                for (var gridX = 0; gridX < cells; gridX++)
                {
                    for (var n = 0; n < perCell; n++)
                    {
                        centers[i++] = stride * (gridX + 0.5f);
                        centers[i++] = stride * (gridY + 0.5f);
                    }
                }
            }
        }
        return centers;
    }
}
