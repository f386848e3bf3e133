using System.Buffers;
using System.Numerics.Tensors;
using FaceAttendance.Vision.Detection;

namespace FaceAttendance.Vision;

/// <summary>
/// face-api's recogniser (dlib's ResNet descriptor) on aligned 150x150 chips. The graph already applies face-api's
/// mean/255 normalisation and returns the raw 128-d fc output. A face's descriptor is the sum of the outputs for its
/// chip and the chip's mirror image (same recipe as tools/js-reference), L2-normalised so cosine = dot: the mirror
/// view costs one more ~4 ms model run and lifts 1:N rank-1 on dev from 83 % to 88 % at equal false accepts.
/// </summary>
internal sealed class FaceEmbedder(OnnxModel model) : IDisposable
{
    public const int Dimensions = 128;
    public const int ChipValues = FaceAligner.ChipSize * FaceAligner.ChipSize * 3;

    /// <summary>Aligns every face of <paramref name="image"/> and embeds them (both views of all faces) in one batch.</summary>
    public float[][] Embed(FaceImage image, IReadOnlyList<DetectedFace> faces)
    {
        if (faces.Count == 0)
        {
            return [];
        }
        var chips = ArrayPool<float>.Shared.Rent(faces.Count * ChipValues);
        try
        {
            for (var i = 0; i < faces.Count; i++)
            {
                FaceAligner.Extract(image, FaceAligner.ChipToImage(faces[i].Mesh), chips.AsSpan(i * ChipValues, ChipValues));
            }
            return EmbedChips(chips.AsSpan(0, faces.Count * ChipValues));
        }
        finally
        {
            ArrayPool<float>.Shared.Return(chips);
        }
    }

    /// <summary>Descriptors of ready chips (n * 150*150*3 RGB floats 0..255), each with its mirror view.</summary>
    public float[][] EmbedChips(ReadOnlySpan<float> chips)
    {
        var count = chips.Length / ChipValues;
        var views = ArrayPool<float>.Shared.Rent(2 * count * ChipValues);
        try
        {
            chips.CopyTo(views);
            for (var i = 0; i < count; i++)
            {
                FaceAligner.Mirror(chips.Slice(i * ChipValues, ChipValues), views.AsSpan((count + i) * ChipValues, ChipValues));
            }
            using var outputs = model.Run(views.AsMemory(0, 2 * count * ChipValues), [2 * count, FaceAligner.ChipSize, FaceAligner.ChipSize, 3]);
            var raw = outputs[0].GetTensorDataAsSpan<float>();
            var vectors = new float[count][];
            for (var i = 0; i < count; i++)
            {
                var vector = new float[Dimensions];
                TensorPrimitives.Add(raw.Slice(i * Dimensions, Dimensions), raw.Slice((count + i) * Dimensions, Dimensions), vector);
                TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
                vectors[i] = vector;
            }
            return vectors;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(views);
        }
    }

    public void Dispose() => model.Dispose();
}
