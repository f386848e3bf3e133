using FaceAttendance.Cli.ModelImport.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FaceAttendance.Tests.ModelImport;

public sealed class OnnxModelSerializerTests
{
    [Fact]
    public void Written_model_loads_and_runs_in_onnx_runtime()
    {
        using var session = new InferenceSession(OnnxModelSerializer.Serialize(ScaleThenRelu(), "test", "doc"));
        var input = new DenseTensor<float>(new float[] { -1, 2, -3, 4 }, [2, 2]);

        using var results = session.Run([NamedOnnxValue.CreateFromTensor("x", input)]);

        results.Single().Name.Should().Be("y");
        results.Single().AsEnumerable<float>().Should().Equal(0, 4, 0, 8);
        session.InputMetadata["x"].Dimensions.Should().Equal(-1, 2); // "N" is a symbolic dimension
    }

    [Fact]
    public void Serialisation_is_deterministic() =>
        OnnxModelSerializer.Serialize(ScaleThenRelu(), "test", "doc")
            .Should().Equal(OnnxModelSerializer.Serialize(ScaleThenRelu(), "test", "doc"));

    [Fact]
    public void Reusing_a_tensor_name_is_rejected()
    {
        var graph = ScaleThenRelu();
        var reuse = () => graph.AddNode("Relu", "y", ["x"]);
        reuse.Should().Throw<InvalidOperationException>().WithMessage("*'y'*");
    }

    private static OnnxGraph ScaleThenRelu()
    {
        var graph = new OnnxGraph("tiny");
        graph.AddInput(new OnnxValueInfo("x", OnnxDataType.Float, [-1, 2]));
        var two = graph.AddInitializer(OnnxTensor.FromFloats("two", [], [2f]));
        var scaled = graph.AddNode("Mul", "scaled", ["x", two]);
        var flat = graph.AddNode("Flatten", "flat", [scaled], OnnxAttribute.Int("axis", 1));
        var y = graph.AddNode("Relu", "y", [flat]);
        graph.AddOutput(new OnnxValueInfo(y, OnnxDataType.Float, [-1, 2]));
        return graph;
    }
}
