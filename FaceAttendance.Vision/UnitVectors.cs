using System.Numerics.Tensors;

namespace FaceAttendance.Vision;

/// <summary>Embeddings as directions: a person's centroid (<see cref="PersonGallery"/>) and a burst's fused face
/// (<see cref="Burst.Fuse"/>) are both the normalised mean of unit vectors.</summary>
internal static class UnitVectors
{
    /// <summary>The embedding scaled to length 1; throws for one that has no direction (zero or not finite).</summary>
    public static float[] Unit(ReadOnlySpan<float> embedding)
    {
        var norm = TensorPrimitives.Norm(embedding);
        if (!float.IsFinite(norm) || norm == 0)
        {
            throw new ArgumentException("Expected a finite, non-zero embedding.", nameof(embedding));
        }
        var unit = new float[embedding.Length];
        TensorPrimitives.Divide(embedding, norm, unit);
        return unit;
    }

    /// <summary>The normalised sum of unit vectors, all of one length.</summary>
    public static float[] Mean(IEnumerable<float[]> units)
    {
        float[]? sum = null;
        foreach (var unit in units)
        {
            sum ??= new float[unit.Length];
            TensorPrimitives.Add(sum, unit, sum);
        }
        ArgumentNullException.ThrowIfNull(sum, nameof(units));
        TensorPrimitives.Divide(sum, TensorPrimitives.Norm(sum), sum);
        return sum;
    }
}
