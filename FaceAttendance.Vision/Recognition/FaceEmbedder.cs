using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace FaceAttendance.Vision;

/// <summary>
/// face-api's recogniser (dlib's ResNet descriptor) on aligned 150x150 chips. The graph already applies face-api's
/// mean/255 normalisation; it returns the raw 128-d fc output, which is L2-normalised here so cosine = dot.
/// </summary>
internal sealed class FaceEmbedder : IDisposable
{
    public const int Dimensions = 128;
    private const int ChipValues = FaceAligner.ChipSize * FaceAligner.ChipSize * 3;
    private static readonly string[] InputNames = ["input"];
    private static readonly string[] OutputNames = ["embedding"];

    private readonly InferenceSession session;

    public FaceEmbedder(string modelPath, SessionOptions options) => session = new InferenceSession(modelPath, options);

    /// <summary>Embeds <paramref name="chips"/> (n * 150*150*3 RGB floats 0..255) in one batch.</summary>
    public float[][] Embed(float[] chips, int count)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, chips.AsMemory(0, count * ChipValues),
            [count, FaceAligner.ChipSize, FaceAligner.ChipSize, 3]);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, InputNames, [input], OutputNames);
        var raw = outputs[0].GetTensorDataAsSpan<float>();
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            var vector = raw.Slice(i * Dimensions, Dimensions).ToArray();
            TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
            vectors[i] = vector;
        }
        return vectors;
    }

    public void Dispose() => session.Dispose();
}
