using FaceAttendance.Cli.ModelImport.Conversion;
using FaceAttendance.Cli.ModelImport.Onnx;
using FaceAttendance.Cli.ModelImport.Tfjs;

namespace FaceAttendance.Cli.ModelImport.FaceApi;

/// <summary>
/// Builds face-api's FaceRecognitionNet (a port of dlib's ResNet-29 face descriptor) as ONNX. face-api ships
/// only weights; the architecture below transcribes src/faceRecognitionNet/FaceRecognitionNet.ts,
/// convLayer.ts, residualLayer.ts, scaleLayer.ts and src/ops/normalize.ts. Input "input" [N,150,150,3] RGB
/// 0..255 as toBatchTensor(150) yields; output "embedding" [N,128], the raw (not L2-normalised) fc output.
/// </summary>
internal sealed class FaceRecognitionNetBuilder
{
    public const string InputName = "input";
    public const string OutputName = "embedding";
    public const int InputSize = 150;
    private static readonly float[] MeanRgb = [122.782f, 117.001f, 104.298f];

    private readonly OnnxGraph _graph = new("face_recognition");
    private readonly IReadOnlyDictionary<string, TfTensor> _weights;
    private readonly HashSet<string> _weightsUsed = new(StringComparer.Ordinal);

    private FaceRecognitionNetBuilder(IReadOnlyDictionary<string, TfTensor> weights) => _weights = weights;

    /// <summary>An NCHW feature map in the graph with its static square size and channel count.</summary>
    private sealed record Feature(string Name, int Size, int Channels);

    public static OnnxGraph Build(IReadOnlyDictionary<string, TfTensor> weights)
    {
        var builder = new FaceRecognitionNetBuilder(weights);
        builder.BuildGraph();
        // a weight the transcribed architecture never reads means it no longer matches the manifest
        var unused = weights.Keys.Where(name => !builder._weightsUsed.Contains(name)).Order(StringComparer.Ordinal).ToList();
        Require(unused.Count == 0, $"face_recognition_model weights not used by the graph: {string.Join(", ", unused)}");
        return builder._graph;
    }

    private void BuildGraph()
    {
        _graph.AddInput(new OnnxValueInfo(InputName, OnnxDataType.Float, [-1, InputSize, InputSize, 3]));
        var x = Normalize();
        x = ConvLayer(x, "conv32_down", stride: 2, withRelu: true);
        x = MaxPool(x, "max_pool", kernel: 3, stride: 2);
        foreach (var block in new[] { "conv32_1", "conv32_2", "conv32_3" })
        {
            x = Residual(x, block);
        }
        x = ResidualDown(x, "conv64_down");
        foreach (var block in new[] { "conv64_1", "conv64_2", "conv64_3" })
        {
            x = Residual(x, block);
        }
        x = ResidualDown(x, "conv128_down");
        x = Residual(x, "conv128_1");
        x = Residual(x, "conv128_2");
        x = ResidualDown(x, "conv256_down");
        x = Residual(x, "conv256_1");
        x = Residual(x, "conv256_2");
        x = ResidualDown(x, "conv256_down_out");

        var average = _graph.AddNode("GlobalAveragePool", "global_avg", [x.Name]);
        var flat = _graph.AddNode("Flatten", "global_avg/flatten", [average], OnnxAttribute.Int("axis", 1));
        var fc = Weight("fc");
        var fcName = _graph.AddInitializer(OnnxTensor.FromFloats("fc/weight", [fc.Shape[0], fc.Shape[1]], fc.RequireFloats()));
        _graph.AddNode("MatMul", OutputName, [flat, fcName]);
        _graph.AddOutput(new OnnxValueInfo(OutputName, OnnxDataType.Float, [-1, fc.Shape[1]]));
    }

    /// <summary>face-api's normalize(x, meanRgb).div(255), after the one NHWC-to-NCHW transpose.</summary>
    private Feature Normalize()
    {
        var nchw = _graph.AddNode("Transpose", "input/nchw", [InputName], OnnxAttribute.Ints("perm", 0, 3, 1, 2));
        var mean = _graph.AddInitializer(OnnxTensor.FromFloats("normalize/mean_rgb", [1, 3, 1, 1], MeanRgb));
        var centred = _graph.AddNode("Sub", "normalize/sub", [nchw, mean]);
        var divisor = _graph.AddInitializer(OnnxTensor.FromFloats("normalize/divisor", [], [255f]));
        return new Feature(_graph.AddNode("Div", "normalize/div", [centred, divisor]), InputSize, 3);
    }

    /// <summary>residual(): conv+relu, conv, add the block input, relu.</summary>
    private Feature Residual(Feature x, string prefix)
    {
        var output = ConvLayer(x, prefix + "/conv1", stride: 1, withRelu: true);
        output = ConvLayer(output, prefix + "/conv2", stride: 1, withRelu: false);
        var sum = _graph.AddNode("Add", prefix + "/add", [output.Name, x.Name]);
        return output with { Name = _graph.AddNode("Relu", prefix + "/relu", [sum]) };
    }

    /// <summary>
    /// residualDown(): strided conv path plus a 2x2 average-pooled shortcut. As in face-api, the shortcut's
    /// channels are doubled with zeros when the conv path widens, and the conv path gets one trailing zero
    /// row and column when the pooled map came out one larger.
    /// </summary>
    private Feature ResidualDown(Feature x, string prefix)
    {
        var output = ConvLayer(x, prefix + "/conv1", stride: 2, withRelu: true);
        output = ConvLayer(output, prefix + "/conv2", stride: 1, withRelu: false);
        var pooledSize = AxisWindow.Compute("VALID", x.Size, 2, 2, 1).Output;
        var shortcut = new Feature(_graph.AddNode("AveragePool", prefix + "/avg_pool", [x.Name],
            OnnxAttribute.Ints("kernel_shape", 2, 2), OnnxAttribute.Ints("strides", 2, 2)), pooledSize, x.Channels);
        if (shortcut.Channels != output.Channels)
        {
            Require(output.Channels == 2 * shortcut.Channels, $"{prefix}: face-api only doubles channels");
            shortcut = ZeroPad(shortcut, prefix + "/avg_pool/pad_channels", [0, 0, 0, 0, 0, shortcut.Channels, 0, 0]);
            shortcut = shortcut with { Channels = output.Channels };
        }
        if (shortcut.Size != output.Size)
        {
            Require(shortcut.Size == output.Size + 1, $"{prefix}: face-api only pads one row and column");
            output = ZeroPad(output, prefix + "/conv2/pad_spatial", [0, 0, 0, 0, 0, 0, 1, 1]) with { Size = shortcut.Size };
        }
        var sum = _graph.AddNode("Add", prefix + "/add", [shortcut.Name, output.Name]);
        return output with { Name = _graph.AddNode("Relu", prefix + "/relu", [sum]) };
    }

    /// <summary>
    /// convLayer(): conv (SAME at stride 1, VALID at stride 2), bias, then the per-channel scale layer
    /// (x * weights + biases), which is folded into the conv's weight and bias.
    /// </summary>
    private Feature ConvLayer(Feature x, string prefix, int stride, bool withRelu)
    {
        var filter = Weight(prefix + "/conv/filters");
        var bias = Weight(prefix + "/conv/bias").RequireFloats();
        var scale = Weight(prefix + "/scale/weights").RequireFloats();
        var shift = Weight(prefix + "/scale/biases").RequireFloats();
        var (kernel, outputChannels) = (filter.Shape[0], filter.Shape[3]);
        Require(filter.Shape[2] == x.Channels, $"{prefix}: filter expects {filter.Shape[2]} channels, input has {x.Channels}");

        var weight = ConvolutionOps.ToOutInHw(filter);
        var perOutput = weight.Length / outputChannels;
        var foldedBias = new float[outputChannels];
        for (var o = 0; o < outputChannels; o++)
        {
            for (var i = o * perOutput; i < (o + 1) * perOutput; i++)
            {
                weight[i] = (float)((double)weight[i] * scale[o]);
            }
            foldedBias[o] = (float)((double)bias[o] * scale[o] + shift[o]);
        }
        var weightName = _graph.AddInitializer(OnnxTensor.FromFloats(prefix + "/weight", [outputChannels, x.Channels, kernel, kernel], weight));
        var biasName = _graph.AddInitializer(OnnxTensor.FromFloats(prefix + "/bias", [outputChannels], foldedBias));
        var window = AxisWindow.Compute(stride == 1 ? "SAME" : "VALID", x.Size, kernel, stride, 1);
        var conv = _graph.AddNode("Conv", prefix + "/conv", [x.Name, weightName, biasName],
            OnnxAttribute.Ints("kernel_shape", kernel, kernel),
            OnnxAttribute.Ints("pads", AxisWindow.OnnxPads(window, window)),
            OnnxAttribute.Ints("strides", stride, stride));
        var output = withRelu ? _graph.AddNode("Relu", prefix + "/relu", [conv]) : conv;
        return new Feature(output, window.Output, outputChannels);
    }

    private Feature MaxPool(Feature x, string name, int kernel, int stride)
    {
        var window = AxisWindow.Compute("VALID", x.Size, kernel, stride, 1);
        var output = _graph.AddNode("MaxPool", name, [x.Name],
            OnnxAttribute.Ints("kernel_shape", kernel, kernel), OnnxAttribute.Ints("strides", stride, stride));
        return x with { Name = output, Size = window.Output };
    }

    private Feature ZeroPad(Feature x, string name, long[] nchwPads)
    {
        var pads = _graph.AddInitializer(OnnxTensor.FromInt64s(name + "/pads", nchwPads));
        return x with { Name = _graph.AddNode("Pad", name, [x.Name, pads]) };
    }

    private TfTensor Weight(string name)
    {
        Require(_weights.ContainsKey(name), $"face_recognition_model manifest has no weight '{name}'.");
        _weightsUsed.Add(name);
        return _weights[name];
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidDataException(message);
        }
    }
}
