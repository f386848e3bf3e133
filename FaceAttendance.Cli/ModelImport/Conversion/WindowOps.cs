using FaceAttendance.Cli.ModelImport.Onnx;
using FaceAttendance.Cli.ModelImport.Tfjs;

namespace FaceAttendance.Cli.ModelImport.Conversion;

/// <summary>Spatial ops other than convolution: MaxPool and Pad.</summary>
/// <remarks>
/// ORT runs convs, pools and residual Adds in its blocked NCHWc layout (blocks of 16 channels with AVX-512) and
/// moves everything downstream of a Pad, or of a pool over a channel count that isn't a whole number of blocks,
/// back out of it: a reorder before and after every later Add and Relu. Identity 1x1 convs keep the layout.
/// </remarks>
internal static class WindowOps
{
    private const int NchwcBlockChannels = 16;

    /// <summary>MaxPool with TF's SAME/VALID rule; ONNX MaxPool ignores padded cells, as TF does.</summary>
    public static void MaxPool(ConversionContext context, TfNode node)
    {
        if (node.GetString("data_format") != "NHWC")
        {
            throw node.Unsupported($"data_format {node.GetString("data_format")}");
        }
        var input = context.Input(node, 0);
        var kernel = node.GetInts("ksize");
        var strides = node.GetInts("strides");
        if (kernel[0] != 1 || kernel[3] != 1 || strides[0] != 1 || strides[3] != 1)
        {
            throw node.Unsupported("pooling across batch or channels");
        }
        var padding = node.GetString("padding");
        var height = AxisWindow.Compute(padding, input.Shape[1], (int)kernel[1], (int)strides[1], 1);
        var width = AxisWindow.Compute(padding, input.Shape[2], (int)kernel[2], (int)strides[2], 1);
        var blockAligned = input.Channels % NchwcBlockChannels == 0;
        var output = context.Graph.AddNode("MaxPool", blockAligned ? node.Name : node.Name + "/pool", [context.ChannelsFirst(input)],
            OnnxAttribute.Ints("kernel_shape", kernel[1], kernel[2]),
            OnnxAttribute.Ints("pads", AxisWindow.OnnxPads(height, width)),
            OnnxAttribute.Ints("strides", strides[1], strides[2]));
        var pooled = new Activation(output, [input.Shape[0], height.Output, width.Output, input.Channels], true);
        context.SetOutput(node, blockAligned ? pooled : EmbedChannels(context, node.Name, pooled, 0, 0));
    }

    /// <summary>Zero Pad; TF paddings [[n0,n1],[h0,h1],[w0,w1],[c0,c1]] become ONNX NCHW begins then ends.</summary>
    public static void Pad(ConversionContext context, TfNode node)
    {
        var input = context.Input(node, 0);
        var paddings = context.Constant(node, 1).RequireInts();
        if (input.Rank != 4 || paddings.Length != 8)
        {
            throw node.Unsupported("only rank-4 padding is supported");
        }
        if (paddings.Take(6).All(pad => pad == 0))
        {
            context.SetOutput(node, EmbedChannels(context, node.Name, input, paddings[6], paddings[7]));
            return;
        }
        int[] nchwAxes = [0, 3, 1, 2];
        var pads = nchwAxes.Select(axis => (long)paddings[axis * 2])
            .Concat(nchwAxes.Select(axis => (long)paddings[axis * 2 + 1])).ToArray();
        var padsName = context.AddInt64s(node.Name + "/pads", pads);
        var output = context.Graph.AddNode("Pad", node.Name, [context.ChannelsFirst(input), padsName]);
        var shape = input.Shape.Select((dim, axis) => dim < 0 ? dim : dim + paddings[axis * 2] + paddings[axis * 2 + 1]).ToArray();
        context.SetOutput(node, new Activation(output, shape, true));
    }

    /// <summary>
    /// <paramref name="before"/> zero channels, the input's channels, <paramref name="after"/> zero channels, as a 1x1
    /// conv whose weight is the identity embedding: the same values bit for bit (each output is 1 * x plus zeros).
    /// </summary>
    private static Activation EmbedChannels(ConversionContext context, string name, Activation input, int before, int after)
    {
        var inputChannels = input.Channels;
        var outputChannels = before + inputChannels + after;
        var weight = new float[outputChannels * inputChannels];
        for (var channel = 0; channel < inputChannels; channel++)
        {
            weight[(before + channel) * inputChannels + channel] = 1f;
        }
        var output = context.Graph.AddPointwiseConv(name, context.ChannelsFirst(input), [outputChannels, inputChannels, 1, 1], weight);
        return new Activation(output, [.. input.Shape[..3], outputChannels], true);
    }
}
