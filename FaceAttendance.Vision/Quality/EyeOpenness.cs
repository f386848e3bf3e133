namespace FaceAttendance.Vision;

/// <summary>Eye aspect ratio (lid gaps over corner distance) from the mesh's eyelid points, averaged over both eyes.</summary>
internal static class EyeOpenness
{
    public static float AspectRatio(ReadOnlySpan<float> mesh) =>
        (Eye(mesh, 33, 133, (160, 144), (158, 153)) + Eye(mesh, 362, 263, (385, 380), (387, 373))) / 2;

    private static float Eye(ReadOnlySpan<float> mesh, int corner1, int corner2, (int Upper, int Lower) gap1, (int Upper, int Lower) gap2) =>
        (Distance(mesh, gap1.Upper, gap1.Lower) + Distance(mesh, gap2.Upper, gap2.Lower)) / (2 * Distance(mesh, corner1, corner2));

    private static float Distance(ReadOnlySpan<float> mesh, int a, int b) =>
        MathF.Sqrt(MathF.Pow(mesh[3 * a] - mesh[3 * b], 2) + MathF.Pow(mesh[3 * a + 1] - mesh[3 * b + 1], 2));
}
