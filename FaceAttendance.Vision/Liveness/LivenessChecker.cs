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
        var faceTensor = HumanFaceCrop.Cut(image, face.DetectorBox);
        var real = Score(antispoof, HumanFaceCrop.Resize(faceTensor, AntispoofSize), AntispoofSize);
        var live = Score(liveness, HumanFaceCrop.Resize(faceTensor, LivenessSize), LivenessSize);
        var score = (real + live) / 2;
        return new LivenessResult(score, score >= LiveThreshold);
    }

    public static float Score(OnnxModel model, float[] input, int size)
    {
        using var outputs = model.Run(input, [1, size, size, 3]);
        return outputs[0].GetTensorDataAsSpan<float>()[0];
    }

    public void Dispose()
    {
        antispoof.Dispose();
        liveness.Dispose();
    }
}
