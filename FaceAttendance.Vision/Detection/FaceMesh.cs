using System.Buffers;

namespace FaceAttendance.Vision.Detection;

/// <summary>
/// Human's face-mesh step (facemesh.ts predict, rotation off): each candidate box cropped to 192×192 in [0, 1],
/// all crops run as one batch, the faceflag kept as the face score and the 468 points mapped back to the image.
/// </summary>
internal sealed class FaceMesh(OnnxModel model) : IDisposable
{
    public const int Size = 192;
    public const int Points = 468;
    private const int CropLength = Size * Size * 3;

    /// <summary>Per candidate: the faceflag and the raw mesh (x, y, z per point, in crop pixels).</summary>
    public (float[] FaceFlags, float[] RawMeshes) Run(FaceImage image, IReadOnlyList<FaceCandidate> candidates)
    {
        var input = ArrayPool<float>.Shared.Rent(CropLength * candidates.Count);
        try
        {
            for (var i = 0; i < candidates.Count; i++)
            {
                var c = candidates[i];
                TensorSampling.CropAndResize(image, c.StartX, c.StartY, c.EndX, c.EndY, input.AsSpan(i * CropLength, CropLength), Size, 1 / 255f);
            }
            using var outputs = model.Run(input.AsMemory(0, CropLength * candidates.Count), [candidates.Count, Size, Size, 3]);
            var named = model.OutputNames.Zip(outputs).ToDictionary(pair => pair.First, pair => pair.Second);
            return (named["output_faceflag"].GetTensorDataAsSpan<float>().ToArray(), named["output_mesh"].GetTensorDataAsSpan<float>().ToArray());
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
        }
    }

    public void Dispose() => model.Dispose();
}
