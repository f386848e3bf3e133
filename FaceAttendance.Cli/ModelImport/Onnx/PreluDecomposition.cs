namespace FaceAttendance.Cli.ModelImport.Onnx;

/// <summary>
/// PRelu(x) = Relu(x) + (-slope) * Relu(-x) on NCHW tensors, the two scalings as depthwise 1x1 convs. ONNX PRelu
/// gives the same values bit for bit (one of the two terms is always 0), but ORT runs it as a slow broadcast
/// outside its blocked NCHWc layout (two thirds of facemesh's and of fr_feature's time); Relu, depthwise conv and
/// Add stay in that layout and ORT fuses them into their neighbours.
/// </summary>
internal static class PreluDecomposition
{
    /// <summary>Adds the nodes computing PRelu of <paramref name="input"/> with per-channel slopes; the last is named <paramref name="output"/>.</summary>
    public static string Add(OnnxGraph graph, string output, string input, float[] slopes)
    {
        var positive = graph.AddNode("Relu", output + "/positive", [input]);
        var negated = ChannelScale(graph, output + "/negate", input, [.. Enumerable.Repeat(-1f, slopes.Length)]);
        var negativePart = graph.AddNode("Relu", output + "/negative", [negated]);
        var scaled = ChannelScale(graph, output + "/scale", negativePart, [.. slopes.Select(slope => -slope)]);
        return graph.AddNode("Add", output, [positive, scaled]);
    }

    private static string ChannelScale(OnnxGraph graph, string name, string input, float[] scales) =>
        graph.AddPointwiseConv(name, input, [scales.Length, 1, 1, 1], scales, group: scales.Length);
}
