using FaceAttendance.Vision;
using FaceAttendance.Vision.Detection;

namespace FaceAttendance.Tests.Vision;

[Collection(nameof(EngineCollection))]
public class LivenessTests(EngineFixture engine)
{
    [Theory]
    [MemberData(nameof(JsReference.Names), MemberType = typeof(JsReference))]
    public void LivenessModelsGiveHumansScoresForHumansInputs(string name)
    {
        var reference = JsReference.Named(name);
        using var antispoof = new OnnxModel(Path.Combine(TestPaths.ModelsDir, "antispoof.onnx"), 1);
        using var liveness = new OnnxModel(Path.Combine(TestPaths.ModelsDir, "liveness.onnx"), 1);
        for (var i = 0; i < reference.FaceCount; i++)
        {
            LivenessChecker.Score(antispoof, reference.Tensor($"antispoof_face{i}_input"), 128)
                .Should().BeApproximately(reference.Tensor($"antispoof_face{i}_activation_4")[0], 1e-4f);
            LivenessChecker.Score(liveness, reference.Tensor($"liveness_face{i}_input"), 32)
                .Should().BeApproximately(reference.Tensor($"liveness_face{i}_activation_6")[0], 1e-4f);
        }
    }

    [Theory]
    [MemberData(nameof(JsReference.Names), MemberType = typeof(JsReference))]
    public void EngineScoresTheFaceAsHumanDoes(string name)
    {
        var reference = JsReference.Named(name);
        using var image = reference.Image();
        var faces = engine.Engine.Detect(image);
        for (var i = 0; i < reference.FaceCount; i++)
        {
            var js = (reference.Tensor($"antispoof_face{i}_activation_4")[0] + reference.Tensor($"liveness_face{i}_activation_6")[0]) / 2;
            engine.Engine.CheckLiveness(image, faces[i]).Score.Should().BeApproximately(js, 1e-3f);
        }
    }
}
