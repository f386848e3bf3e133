using FaceAttendance.Vision;

namespace FaceAttendance.Tests.Vision;

/// <summary>Embeddings on a circle in the first two dimensions: the cosine of two is the cosine of their angle, exactly.</summary>
internal static class UnitCircle
{
    public static float[] At(double degrees)
    {
        var vector = new float[FaceEngine.EmbeddingDimensions];
        (vector[0], vector[1]) = ((float)Math.Cos(degrees * Math.PI / 180), (float)Math.Sin(degrees * Math.PI / 180));
        return vector;
    }
}
