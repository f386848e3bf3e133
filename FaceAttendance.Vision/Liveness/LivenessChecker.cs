using System.Buffers;
using FaceAttendance.Vision.Detection;

namespace FaceAttendance.Vision;

/// <summary>
/// Human's two liveness signals on the face crop Human would give them: antispoof (128x128, one "real" probability)
/// and liveness (32x32, Human reads the first of its two outputs as "live"). The combined score is their mean.
/// This is a signal, not a guarantee: no spoof photos exist in this project, so the threshold was set only from the
/// real-face score distribution on ../shared/faces/dev (see <see cref="LiveThreshold"/>).
/// </summary>
internal sealed class LivenessChecker(OnnxModel antispoof, OnnxModel liveness) : IDisposable
{
    private const int AntispoofSize = 128;
    private const int LivenessSize = 32;

    // The 1st percentile of the combined score over the 1,448 real dev photos (min 0.23, 1st pct 0.51, median 0.79,
    // 99th pct 0.93): ~99 % of genuine faces pass. How many spoofs it stops is unmeasured: there are none to test.
    public const float LiveThreshold = 0.51f;

    /// <summary>Scores the face on the crop Human makes: the detector's square box cut to 192x192, then resized.</summary>
    public LivenessResult Check(FaceImage image, DetectedFace face)
    {
        // pooled: each of these buffers is large enough to land on the large-object heap if allocated per call
        var faceTensor = ArrayPool<float>.Shared.Rent(HumanFaceCrop.FaceTensorLength);
        var modelInput = ArrayPool<float>.Shared.Rent(AntispoofSize * AntispoofSize * 3);
        try
        {
            HumanFaceCrop.Cut(image, face.DetectorBox, faceTensor);
            var real = Score(antispoof, ResizeFaceTensor(faceTensor, AntispoofSize, modelInput), AntispoofSize);
            var live = Score(liveness, ResizeFaceTensor(faceTensor, LivenessSize, modelInput), LivenessSize);
            var score = (real + live) / 2;
            return new LivenessResult(score, score >= LiveThreshold);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(faceTensor);
            ArrayPool<float>.Shared.Return(modelInput);
        }
    }

    public static float Score(OnnxModel model, Memory<float> input, int size)
    {
        using var outputs = model.Run(input, [1, size, size, 3]);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    private static Memory<float> ResizeFaceTensor(float[] faceTensor, int size, float[] target)
    {
        var length = size * size * 3;
        HumanFaceCrop.Resize(faceTensor.AsSpan(0, HumanFaceCrop.FaceTensorLength), size, target.AsSpan(0, length));
        return target.AsMemory(0, length);
    }

    public void Dispose()
    {
        antispoof.Dispose();
        liveness.Dispose();
    }
}
