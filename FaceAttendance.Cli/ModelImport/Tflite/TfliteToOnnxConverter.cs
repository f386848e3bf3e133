using FaceAttendance.Cli.ModelImport.Onnx;

namespace FaceAttendance.Cli.ModelImport.Tflite;

/// <summary>
/// Converts a float32 TFLite model of plain ops to ONNX, with the TF.js converter's layout rule: the single NHWC input
/// is transposed to NCHW once, every 4-D activation stays NCHW, and per-channel constants become [C,1,1]. Supported:
/// CONV_2D, DEPTHWISE_CONV_2D (SAME/VALID, fused RELU/RELU6), ADD, SUB, MUL, RELU, ABS and a final RESHAPE of an
/// [N,1,1,C] tensor to [N,C]; anything else fails the import with the op's code.
/// </summary>
internal static class TfliteToOnnxConverter
{
    private const int Add = 0, Conv2D = 3, DepthwiseConv2D = 4, Mul = 18, Relu = 19, Reshape = 22, Sub = 41, Abs = 101;

    public static OnnxGraph Convert(TfliteModel model, string graphName)
    {
        var graph = new OnnxGraph(graphName);
        var names = new Dictionary<int, string>();
        var input = model.Tensors[model.Inputs.Single()];
        graph.AddInput(new OnnxValueInfo(input.Name, OnnxDataType.Float, [.. input.Shape.Select(dim => (long)dim)]));
        names[input.Index] = graph.AddNode("Transpose", input.Name + "/nchw", [input.Name], OnnxAttribute.Ints("perm", 0, 3, 1, 2));
        var position = 0;
        foreach (var op in model.Operators)
        {
            var output = model.Tensors[op.Outputs[0]];
            var name = $"{position++}/{output.Name}";
            names[output.Index] = op.BuiltinCode switch
            {
                Conv2D => Convolution(graph, model, names, op, name, depthwise: false),
                DepthwiseConv2D => Convolution(graph, model, names, op, name, depthwise: true),
                Add => Activation(graph, op.Options?.SByte(0) ?? 0, graph.AddNode("Add", name, Operands(graph, model, names, op, name)), name),
                Sub => Activation(graph, op.Options?.SByte(0) ?? 0, graph.AddNode("Sub", name, Operands(graph, model, names, op, name)), name),
                Mul => Activation(graph, op.Options?.SByte(0) ?? 0, graph.AddNode("Mul", name, Operands(graph, model, names, op, name)), name),
                Relu => graph.AddNode("Relu", name, [names[op.Inputs[0]]]),
                Abs => graph.AddNode("Abs", name, [names[op.Inputs[0]]]),
                Reshape => Flatten(graph, model, names, op, name),
                var code => throw new NotSupportedException($"TFLite builtin operator {code} (output '{output.Name}') is not supported by the importer."),
            };
        }
        foreach (var index in model.Outputs)
        {
            var output = model.Tensors[index];
            graph.AddNode("Identity", output.Name, [names[index]]);
            graph.AddOutput(new OnnxValueInfo(output.Name, OnnxDataType.Float, [.. output.Shape.Select(dim => (long)dim)]));
        }
        return graph;
    }

    private static string Convolution(OnnxGraph graph, TfliteModel model, Dictionary<int, string> names, TfliteOperator op, string name, bool depthwise)
    {
        var (input, filter, bias) = (model.Tensors[op.Inputs[0]], model.Tensors[op.Inputs[1]], model.Tensors[op.Inputs[2]]);
        var options = op.Options ?? throw new InvalidDataException($"'{name}' has no options.");
        // Conv2DOptions: 0 padding, 1 stride_w, 2 stride_h, 3 fused_activation, 4 dilation_w, 5 dilation_h;
        // DepthwiseConv2DOptions: 0 padding, 1 stride_w, 2 stride_h, 3 depth_multiplier, 4 fused_activation, 5/6 dilations
        var (strideW, strideH) = (options.Int(1), options.Int(2));
        var activation = options.SByte(depthwise ? 4 : 3);
        var (dilationW, dilationH) = depthwise ? (Math.Max(1, options.Int(5)), Math.Max(1, options.Int(6))) : (Math.Max(1, options.Int(4)), Math.Max(1, options.Int(5)));
        // filters: CONV_2D [O,H,W,I], DEPTHWISE [1,H,W,C*M]; ONNX wants [O,I/group,H,W]
        var (outChannels, kh, kw, inPerGroup) = depthwise
            ? (filter.Shape[3], filter.Shape[1], filter.Shape[2], 1)
            : (filter.Shape[0], filter.Shape[1], filter.Shape[2], filter.Shape[3]);
        var weights = new float[outChannels * inPerGroup * kh * kw];
        var data = filter.Data!;
        for (var o = 0; o < outChannels; o++)
        {
            for (var i = 0; i < inPerGroup; i++)
            {
                for (var y = 0; y < kh; y++)
                {
                    for (var x = 0; x < kw; x++)
                    {
                        weights[((o * inPerGroup + i) * kh + y) * kw + x] = depthwise
                            ? data[(y * kw + x) * outChannels + o]
                            : data[((o * kh + y) * kw + x) * inPerGroup + i];
                    }
                }
            }
        }
        var weight = graph.AddInitializer(OnnxTensor.FromFloats(name + "/weight", [outChannels, inPerGroup, kh, kw], weights));
        var biasName = graph.AddInitializer(OnnxTensor.FromFloats(name + "/bias", [outChannels], bias.Data!));
        var (padTop, padBottom) = Padding(options.Int(0), input.Shape[1], kh, strideH, dilationH);
        var (padLeft, padRight) = Padding(options.Int(0), input.Shape[2], kw, strideW, dilationW);
        var conv = graph.AddNode("Conv", name + (activation == 0 ? "" : "/conv"), [names[input.Index], weight, biasName],
            OnnxAttribute.Ints("kernel_shape", kh, kw), OnnxAttribute.Ints("strides", strideH, strideW),
            OnnxAttribute.Ints("dilations", dilationH, dilationW), OnnxAttribute.Ints("pads", padTop, padLeft, padBottom, padRight),
            OnnxAttribute.Int("group", depthwise ? input.Shape[3] : 1));
        return Activation(graph, activation, conv, name);
    }

    /// <summary>TF's SAME padding (the odd pixel after) or VALID (none).</summary>
    private static (long Before, long After) Padding(int padding, int size, int kernel, int stride, int dilation)
    {
        const int Same = 0;
        if (padding != Same)
        {
            return (0, 0);
        }
        var output = (size + stride - 1) / stride;
        var total = Math.Max((output - 1) * stride + (kernel - 1) * dilation + 1 - size, 0);
        return (total / 2, total - total / 2);
    }

    /// <summary>Fused activations: 0 none, 1 RELU, 3 RELU6.</summary>
    private static string Activation(OnnxGraph graph, int activation, string input, string name) => activation switch
    {
        0 => input,
        1 => graph.AddNode("Relu", name, [input]),
        3 => graph.AddNode("Clip", name, [input, graph.AddInitializer(OnnxTensor.FromFloats(name + "/min", [], [0f])),
            graph.AddInitializer(OnnxTensor.FromFloats(name + "/max", [], [6f]))]),
        _ => throw new NotSupportedException($"Fused activation {activation} of '{name}' is not supported."),
    };

    /// <summary>Both operands of a binary op; a constant is broadcast per channel over NCHW ([C] or [1,1,1,C] becomes [C,1,1]).</summary>
    private static string[] Operands(OnnxGraph graph, TfliteModel model, Dictionary<int, string> names, TfliteOperator op, string name) =>
    [
        .. op.Inputs.Select((index, i) =>
        {
            var tensor = model.Tensors[index];
            if (tensor.Data is null)
            {
                return names[index];
            }
            long[] dims = tensor.Data.Length == 1 ? [] : [tensor.Data.Length, 1, 1];
            if (tensor.Data.Length > 1 && tensor.Shape[^1] != tensor.Data.Length)
            {
                throw new NotSupportedException($"Constant '{tensor.Name}' [{string.Join(',', tensor.Shape)}] of '{name}' is not per channel.");
            }
            return graph.AddInitializer(OnnxTensor.FromFloats($"{name}/constant{i}", dims, tensor.Data));
        }),
    ];

    private static string Flatten(OnnxGraph graph, TfliteModel model, Dictionary<int, string> names, TfliteOperator op, string name)
    {
        var (input, output) = (model.Tensors[op.Inputs[0]], model.Tensors[op.Outputs[0]]);
        // NCHW [N,C,1,1] and NHWC [N,1,1,C] hold the same values in the same order, so flattening needs no transpose
        if (input.Shape is not [_, 1, 1, var channels] || output.Shape is not [_, var flat] || flat != channels)
        {
            throw new NotSupportedException($"RESHAPE '{name}' of [{string.Join(',', input.Shape)}] to [{string.Join(',', output.Shape)}] is not supported.");
        }
        return graph.AddNode("Flatten", name, [names[input.Index]], OnnxAttribute.Int("axis", 1));
    }
}
