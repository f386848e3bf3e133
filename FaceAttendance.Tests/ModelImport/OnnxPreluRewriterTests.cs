using FaceAttendance.Cli.ModelImport.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace FaceAttendance.Tests.ModelImport;

/// <summary>The PRelu rewrite applied to faceplugin's recogniser: same values bit for bit, no PRelu left, nothing else touched.</summary>
public sealed class OnnxPreluRewriterTests
{
    [Fact]
    public void Faceplugin_recogniser_gives_bit_identical_embeddings_without_any_prelu_node()
    {
        var original = File.ReadAllBytes(Path.Combine(NpmPackages.FacePlugin, "model", "fr_feature.onnx"));

        var (rewritten, count) = OnnxPreluRewriter.Rewrite(original);

        count.Should().BeGreaterThan(10, "MobileFaceNet has a PRelu after most convolutions");
        OpTypes(rewritten).Should().NotContain("PRelu");
        OpTypes(rewritten).Count(op => op != "Relu" && op != "Conv" && op != "Add")
            .Should().Be(OpTypes(original).Count(op => op != "Relu" && op != "Conv" && op != "Add" && op != "PRelu"));
        var random = new Random(3);
        for (var sample = 0; sample < 3; sample++)
        {
            var chip = Enumerable.Range(0, 3 * 112 * 112).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
            Run(rewritten, "input", chip, [1, 3, 112, 112]).Should().Equal(Run(original, "input", chip, [1, 3, 112, 112]));
        }
    }

    [Fact]
    public void Model_without_prelu_is_copied_byte_for_byte()
    {
        var graph = new OnnxGraph("relu");
        graph.AddInput(new OnnxValueInfo("x", OnnxDataType.Float, [1, 2, 2, 2]));
        graph.AddOutput(new OnnxValueInfo(graph.AddNode("Relu", "y", ["x"]), OnnxDataType.Float, [1, 2, 2, 2]));
        var model = OnnxModelSerializer.Serialize(graph, "test", "doc");

        var (rewritten, count) = OnnxPreluRewriter.Rewrite(model);

        count.Should().Be(0);
        rewritten.Should().Equal(model);
    }

    [Fact]
    public void Per_channel_slope_is_rewritten_exactly_and_its_initializer_dropped()
    {
        float[] slopes = [0.25f, -0.5f, 0.1f];
        var model = OnnxModelSerializer.Serialize(PreluGraph(OnnxTensor.FromFloats("slope", [3, 1, 1], slopes)), "test", "doc");
        var input = Enumerable.Range(0, 3 * 2 * 2).Select(i => (i % 2 == 0 ? -1f : 1f) * (i + 0.3f)).ToArray();

        var (rewritten, count) = OnnxPreluRewriter.Rewrite(model);

        count.Should().Be(1);
        Run(rewritten, "x", input, [1, 3, 2, 2]).Should().Equal(Run(model, "x", input, [1, 3, 2, 2]));
        InitializerNames(rewritten).Should().NotContain("slope");
    }

    [Fact]
    public void Slope_that_does_not_broadcast_per_channel_is_refused()
    {
        // [3] broadcasts over the last (W) axis of NCHW, not over channels: the decomposition would compute something else
        var model = OnnxModelSerializer.Serialize(PreluGraph(OnnxTensor.FromFloats("slope", [3], [0.1f, 0.2f, 0.3f])), "test", "doc");

        var rewrite = () => OnnxPreluRewriter.Rewrite(model);

        rewrite.Should().Throw<InvalidDataException>().WithMessage("*'slope' [3]*per NCHW channel*");
    }

    private static OnnxGraph PreluGraph(OnnxTensor slope)
    {
        var graph = new OnnxGraph("prelu");
        graph.AddInput(new OnnxValueInfo("x", OnnxDataType.Float, [1, 3, 2, 2]));
        var y = graph.AddNode("PRelu", "y", ["x", graph.AddInitializer(slope)]);
        graph.AddOutput(new OnnxValueInfo(y, OnnxDataType.Float, [1, 3, 2, 2]));
        return graph;
    }

    private static float[] Run(byte[] model, string inputName, float[] input, int[] shape)
    {
        using var session = new InferenceSession(model);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<float>(input, shape))]);
        return results.First().AsEnumerable<float>().ToArray();
    }

    private static List<string> OpTypes(byte[] model) =>
        [.. GraphFields(model, 1).Select(node => ProtoReader.Fields(node.Payload).Single(field => field.Number == 4).AsString())];

    private static List<string> InitializerNames(byte[] model) =>
        [.. GraphFields(model, 5).Select(tensor => ProtoReader.Fields(tensor.Payload).Single(field => field.Number == 8).AsString())];

    private static IEnumerable<ProtoField> GraphFields(byte[] model, int number) =>
        ProtoReader.Fields(ProtoReader.Fields(model).Single(field => field.Number == 7).Payload).Where(field => field.Number == number);
}
