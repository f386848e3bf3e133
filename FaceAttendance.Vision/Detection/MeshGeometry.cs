namespace FaceAttendance.Vision.Detection;

/// <summary>
/// Maps a raw 192×192 mesh back to the image and derives the box and five landmarks, as facemeshutil does
/// (transformRawCoords, calculateFaceBox, clampBox) including its truncation to whole pixels, so the points
/// match Human's and the JS alignment reference exactly.
/// </summary>
internal static class MeshGeometry
{
    // facemeshcoords meshAnnotations: eye contours (upper0 + lower0), nose tip and the outer mouth corners.
    // Human's "left"/"right" are the subject's own, as ours are.
    private static readonly int[] LeftEyeContour = [466, 388, 387, 386, 385, 384, 398, 263, 249, 390, 373, 374, 380, 381, 382, 362];
    private static readonly int[] RightEyeContour = [246, 161, 160, 159, 158, 157, 173, 33, 7, 163, 144, 145, 153, 154, 155, 133];
    private const int NoseTip = 1;
    private const int MouthLeft = 291;
    private const int MouthRight = 61;

    /// <summary>Writes the mesh in image pixels into <paramref name="mesh"/> (x, y, z per point).</summary>
    public static void ToImage(ReadOnlySpan<float> raw, FaceCandidate box, Span<float> mesh)
    {
        double scaleX = box.Width / FaceMesh.Size, scaleY = box.Height / FaceMesh.Size;
        for (var i = 0; i < raw.Length; i += 3)
        {
            mesh[i] = (float)Math.Truncate(scaleX * (raw[i] - FaceMesh.Size / 2.0) + box.CenterX);
            mesh[i + 1] = (float)Math.Truncate(scaleY * (raw[i + 1] - FaceMesh.Size / 2.0) + box.CenterY);
            mesh[i + 2] = MathF.Truncate(raw[i + 2]);
        }
    }

    /// <summary>The candidate's square recentred on the mesh extent, clamped to the image (Human's face.box).</summary>
    public static FaceBox Box(ReadOnlySpan<float> mesh, FaceCandidate box, int imageWidth, int imageHeight)
    {
        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        for (var i = 0; i < mesh.Length; i += 3)
        {
            (minX, maxX) = (Math.Min(minX, mesh[i]), Math.Max(maxX, mesh[i]));
            (minY, maxY) = (Math.Min(minY, mesh[i + 1]), Math.Max(maxY, mesh[i + 1]));
        }
        double centerX = minX + (maxX - minX) / 2.0, centerY = minY + (maxY - minY) / 2.0;
        double startX = centerX - box.Width / 2, startY = centerY - box.Height / 2;
        double endX = centerX + box.Width / 2, endY = centerY + box.Height / 2;
        var x = Math.Truncate(Math.Max(0, startX));
        var y = Math.Truncate(Math.Max(0, startY));
        var width = Math.Truncate(Math.Min(imageWidth, endX) - Math.Max(0, startX));
        var height = Math.Truncate(Math.Min(imageHeight, endY) - Math.Max(0, startY));
        return new FaceBox((float)x, (float)y, (float)width, (float)height);
    }

    public static FaceLandmarks Landmarks(ReadOnlySpan<float> mesh) => new(
        Mean(mesh, LeftEyeContour), Mean(mesh, RightEyeContour), Point(mesh, NoseTip), Point(mesh, MouthLeft), Point(mesh, MouthRight));

    private static PointF Point(ReadOnlySpan<float> mesh, int index) => new(mesh[index * 3], mesh[index * 3 + 1]);

    private static PointF Mean(ReadOnlySpan<float> mesh, int[] indices)
    {
        float x = 0, y = 0;
        foreach (var index in indices)
        {
            x += mesh[index * 3];
            y += mesh[index * 3 + 1];
        }
        return new PointF(x / indices.Length, y / indices.Length);
    }
}
