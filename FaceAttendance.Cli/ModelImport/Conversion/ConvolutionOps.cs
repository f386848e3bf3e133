using FaceAttendance.Cli.ModelImport.Onnx;
using FaceAttendance.Cli.ModelImport.Tfjs;

namespace FaceAttendance.Cli.ModelImport.Conversion;

/// <summary>Conv2D family: _FusedConv2D (conv + fused bias/activation) and DepthwiseConv2dNative.</summary>
internal static class ConvolutionOps
{
    /// <summary>
    /// _FusedConv2D(x, filter, args...) = conv, then each fused op in order. BiasAdd becomes Conv's bias
    /// input; Relu and Prelu become separate nodes (ORT fuses Conv+Relu itself; Prelu as in ElementwiseOps).
    /// </summary>
    public static void FusedConv2D(ConversionContext context, TfNode node)
    {
        var fusedOps = node.GetStrings("fused_ops");
        if (fusedOps.Length == 0 || fusedOps[0] != "BiasAdd" || fusedOps.Length > 2)
        {
            throw node.Unsupported($"fused_ops [{string.Join(',', fusedOps)}] (expected BiasAdd then optionally one activation)");
        }
        var filter = context.Constant(node, 1);   // [kh, kw, in, out]
        var bias = context.Constant(node, 2);
        var convName = fusedOps.Length == 1 ? node.Name : node.Name + "/conv";
        var weight = context.AddFloats(convName + "/weight",
            [filter.Shape[3], filter.Shape[2], filter.Shape[0], filter.Shape[1]], ToOutInHw(filter));
        var biasName = context.AddFloats(convName + "/bias", bias.Shape, bias.RequireFloats());
        var conv = Convolve(context, node, convName, filter.Shape, filter.Shape[3], group: 1, [weight, biasName]);
        if (fusedOps.Length == 1)
        {
            context.SetOutput(node, conv);
            return;
        }
        var activation = fusedOps[1] switch
        {
            "Relu" => context.Graph.AddNode("Relu", node.Name, [conv.OnnxName]),
            "Prelu" => ElementwiseOps.AddPrelu(context, node, node.Name, conv, context.Constant(node, 3)),
            var other => throw node.Unsupported($"fused activation '{other}' is not supported"),
        };
        context.SetOutput(node, conv with { OnnxName = activation });
    }

    /// <summary>Depthwise filter [kh, kw, C, multiplier] becomes a grouped conv with C groups, weight [C*m, 1, kh, kw].</summary>
    public static void DepthwiseConv2D(ConversionContext context, TfNode node)
    {
        var filter = context.Constant(node, 1);
        var (kh, kw, channels, multiplier) = (filter.Shape[0], filter.Shape[1], filter.Shape[2], filter.Shape[3]);
        // TF output channel c*m+k is ONNX group c's k-th output: the same flat order as [kh,kw,C*m] -> [C*m,kh,kw]
        var flat = new TfTensor(filter.Name, [kh, kw, 1, channels * multiplier], filter.RequireFloats(), null);
        var weight = context.AddFloats(node.Name + "/weight", [channels * multiplier, 1, kh, kw], ToOutInHw(flat));
        context.SetOutput(node, Convolve(context, node, node.Name, filter.Shape, channels * multiplier, channels, [weight]));
    }

    private static Activation Convolve(ConversionContext context, TfNode node, string outputName, int[] filterShape,
        int outputChannels, int group, string[] parameters)
    {
        if (node.GetString("data_format") != "NHWC")
        {
            throw node.Unsupported($"data_format {node.GetString("data_format")}");
        }
        var input = context.Input(node, 0);
        var strides = node.GetInts("strides");
        var dilations = node.HasAttribute("dilations") ? node.GetInts("dilations") : [1, 1, 1, 1];
        var padding = node.GetString("padding");
        var height = AxisWindow.Compute(padding, input.Shape[1], filterShape[0], (int)strides[1], (int)dilations[1]);
        var width = AxisWindow.Compute(padding, input.Shape[2], filterShape[1], (int)strides[2], (int)dilations[2]);
        var conv = context.Graph.AddNode("Conv", outputName, [context.ChannelsFirst(input), .. parameters],
            OnnxAttribute.Ints("dilations", dilations[1], dilations[2]),
            OnnxAttribute.Int("group", group),
            OnnxAttribute.Ints("kernel_shape", filterShape[0], filterShape[1]),
            OnnxAttribute.Ints("pads", AxisWindow.OnnxPads(height, width)),
            OnnxAttribute.Ints("strides", strides[1], strides[2]));
        return new Activation(conv, [input.Shape[0], height.Output, width.Output, outputChannels], ChannelsFirst: true);
    }

    /// <summary>TF filter [kh, kw, in, out] to ONNX weight [out, in, kh, kw].</summary>
    public static float[] ToOutInHw(TfTensor filter)
    {
        var (kh, kw, cin, cout) = (filter.Shape[0], filter.Shape[1], filter.Shape[2], filter.Shape[3]);
        var source = filter.RequireFloats();
        var result = new float[source.Length];
        for (var y = 0; y < kh; y++)
        {
            for (var x = 0; x < kw; x++)
            {
                for (var i = 0; i < cin; i++)
                {
                    for (var o = 0; o < cout; o++)
                    {
                        result[((o * cin + i) * kh + y) * kw + x] = source[((y * kw + x) * cin + i) * cout + o];
                    }
                }
            }
        }
        return result;
    }
}
