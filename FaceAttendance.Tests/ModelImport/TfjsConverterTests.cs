using FaceAttendance.Cli.ModelImport.Conversion;
using FaceAttendance.Cli.ModelImport.Onnx;
using FaceAttendance.Cli.ModelImport.Tfjs;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using static FaceAttendance.Tests.ModelImport.TinyTfjsModel;

namespace FaceAttendance.Tests.ModelImport;

/// <summary>The converter on hand-made TF.js graphs, run with ONNX Runtime against a direct NHWC computation.</summary>
public sealed class TfjsConverterTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "tiny-tfjs-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void Strided_same_conv_then_flatten_matches_tensorflow_semantics()
    {
        // 6x6 input, 3x3 kernel, stride 2, SAME: output 3x3, total padding 1 which TF puts at the bottom/right
        var random = new Random(1);
        var filter = Enumerable.Range(0, 3 * 3 * 2 * 3).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        float[] bias = [0.1f, -0.2f, 0.3f];
        var path = Write(_directory,
            [
                Node("x", "Placeholder", [], new() { ["shape"] = Shape(1, 6, 6, 2) }),
                Node("conv", "_FusedConv2D", ["x", "filter", "bias"], new()
                {
                    ["fused_ops"] = Texts("BiasAdd", "Relu"), ["strides"] = Ints(1, 2, 2, 1), ["padding"] = Text("SAME"),
                    ["data_format"] = Text("NHWC"), ["dilations"] = Ints(1, 1, 1, 1),
                }),
                Node("flat", "Reshape", ["conv", "flat_shape"]),
                Node("Identity", "Identity", ["flat"]),
            ],
            [new Weight("filter", [3, 3, 2, 3], filter), new Weight("bias", [3], bias), new Weight("flat_shape", [2], Ints: [1, 27])]);
        var input = Enumerable.Range(0, 6 * 6 * 2).Select(_ => (float)random.NextDouble()).ToArray();

        var actual = Run(path, "x", input, [1, 6, 6, 2]);

        actual.Should().Equal(ReferenceConvNhwc(input, filter, bias), (a, b) => Math.Abs(a - b) < 1e-5f);
    }

    [Fact]
    public void Prelu_unaligned_max_pool_and_channel_pad_give_exactly_tensorflows_values()
    {
        // 24 channels: not a whole number of ORT's NCHWc blocks, so the pool is followed by an identity 1x1 conv, and the
        // channel Pad becomes one; Prelu becomes Relu + depthwise scalings. All three must stay bit-identical.
        const int channels = 24;
        var random = new Random(2);
        var alpha = Enumerable.Range(0, channels).Select(_ => (float)random.NextDouble() * 0.5f).ToArray();
        var path = Write(_directory,
            [
                Node("x", "Placeholder", [], new() { ["shape"] = Shape(1, 4, 4, channels) }),
                Node("prelu", "Prelu", ["x", "alpha"]),
                Node("pool", "MaxPool", ["prelu"], new()
                {
                    ["ksize"] = Ints(1, 2, 2, 1), ["strides"] = Ints(1, 2, 2, 1), ["padding"] = Text("VALID"), ["data_format"] = Text("NHWC"),
                }),
                Node("pad", "Pad", ["pool", "paddings"]),
                Node("Identity", "Identity", ["pad"]),
            ],
            [new Weight("alpha", [channels], alpha), new Weight("paddings", [4, 2], Ints: [0, 0, 0, 0, 0, 0, 3, 5])]);
        var input = Enumerable.Range(0, 4 * 4 * channels).Select(_ => (float)random.NextDouble() * 2 - 1).ToArray();

        var actual = Run(path, "x", input, [1, 4, 4, channels]);

        var expected = new List<float>();
        for (var cell = 0; cell < 4; cell++)
        {
            var (top, left) = (cell / 2 * 2, cell % 2 * 2);
            expected.AddRange(new float[3]);
            for (var c = 0; c < channels; c++)
            {
                var window = new[] { (0, 0), (0, 1), (1, 0), (1, 1) }
                    .Select(d => input[((top + d.Item1) * 4 + left + d.Item2) * channels + c])
                    .Select(v => v > 0 ? v : alpha[c] * v);
                expected.Add(window.Max());
            }
            expected.AddRange(new float[5]);
        }
        // the graph output is NCHW-transposed back to TF's NHWC by the converter, so flat order is [y, x, c]
        actual.Should().Equal(expected);
    }

    [Fact]
    public void Unknown_op_fails_loudly_naming_the_op()
    {
        var path = Write(_directory,
            [Node("x", "Placeholder", [], new() { ["shape"] = Shape(1, 4) }), Node("erf", "Erf", ["x"])], []);

        var convert = () => TfjsToOnnxConverter.Convert(TfjsGraphModel.Load(path), "tiny");

        convert.Should().Throw<NotSupportedException>().WithMessage("*'Erf'*erf*Supported ops*_FusedConv2D*");
    }

    [Fact]
    public void Unknown_fused_activation_fails_loudly()
    {
        var path = Write(_directory,
            [
                Node("x", "Placeholder", [], new() { ["shape"] = Shape(1, 2, 2, 1) }),
                Node("conv", "_FusedConv2D", ["x", "filter", "bias"], new()
                {
                    ["fused_ops"] = Texts("BiasAdd", "Relu6"), ["strides"] = Ints(1, 1, 1, 1), ["padding"] = Text("VALID"),
                    ["data_format"] = Text("NHWC"),
                }),
            ],
            [new Weight("filter", [1, 1, 1, 1], [1f]), new Weight("bias", [1], [0f])]);

        var convert = () => TfjsToOnnxConverter.Convert(TfjsGraphModel.Load(path), "tiny");

        convert.Should().Throw<InvalidDataException>().WithMessage("*Relu6*");
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static float[] Run(string modelPath, string inputName, float[] input, int[] shape)
    {
        var bytes = OnnxModelSerializer.Serialize(TfjsToOnnxConverter.Convert(TfjsGraphModel.Load(modelPath), "tiny"), "test", "");
        using var session = new InferenceSession(bytes);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, new DenseTensor<float>(input, shape))]);
        return results.Single().AsEnumerable<float>().ToArray();
    }

    /// <summary>Direct NHWC conv, stride 2, pad 0 before and 1 after, + bias, relu, flattened NHWC.</summary>
    private static float[] ReferenceConvNhwc(float[] input, float[] filter, float[] bias)
    {
        var output = new List<float>();
        for (var oy = 0; oy < 3; oy++)
        {
            for (var ox = 0; ox < 3; ox++)
            {
                for (var o = 0; o < 3; o++)
                {
                    double sum = bias[o];
                    for (var ky = 0; ky < 3; ky++)
                    {
                        for (var kx = 0; kx < 3; kx++)
                        {
                            var (y, x) = (oy * 2 + ky, ox * 2 + kx);
                            if (y >= 6 || x >= 6)
                            {
                                continue;
                            }
                            for (var i = 0; i < 2; i++)
                            {
                                sum += input[(y * 6 + x) * 2 + i] * filter[((ky * 3 + kx) * 2 + i) * 3 + o];
                            }
                        }
                    }
                    output.Add((float)Math.Max(sum, 0));
                }
            }
        }
        return [.. output];
    }
}
