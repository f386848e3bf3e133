using FaceAttendance.Cli.ModelImport.Onnx;
using FaceAttendance.Cli.ModelImport.Tfjs;

namespace FaceAttendance.Cli.ModelImport.Conversion;

/// <summary>
/// State shared by the op converters: the ONNX graph being built, the activation each TF node produced,
/// the model's constants, and layout views (NCHW / NHWC) created at most once per tensor.
/// </summary>
internal sealed class ConversionContext(OnnxGraph graph, IReadOnlyDictionary<string, TfTensor> weights)
{
    private static readonly long[] ToChannelsFirst = [0, 3, 1, 2];
    private static readonly long[] ToChannelsLast = [0, 2, 3, 1];

    private readonly Dictionary<string, Activation> _activations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _layoutViews = new(StringComparer.Ordinal);

    public OnnxGraph Graph { get; } = graph;

    public bool IsConstant(TfNode node, int inputIndex) =>
        weights.ContainsKey(TfjsGraphModel.TensorNodeName(node.Inputs[inputIndex]));

    public TfTensor Constant(TfNode node, int inputIndex)
    {
        var name = TfjsGraphModel.TensorNodeName(node.Inputs[inputIndex]);
        return weights.TryGetValue(name, out var tensor)
            ? tensor
            : throw node.Unsupported($"input {inputIndex} ('{name}') must be a constant");
    }

    public Activation Input(TfNode node, int inputIndex)
    {
        var name = TfjsGraphModel.TensorNodeName(node.Inputs[inputIndex]);
        return _activations.TryGetValue(name, out var activation)
            ? activation
            : throw node.Unsupported($"input {inputIndex} ('{name}') is not a computed tensor");
    }

    public Activation Output(string tfNodeName) => _activations[tfNodeName];

    public void SetOutput(TfNode node, Activation activation) => _activations.Add(node.Name, activation);

    /// <summary>The ONNX name of the activation in NCHW layout (rank 4 only).</summary>
    public string ChannelsFirst(Activation activation)
    {
        if (activation.Rank != 4)
        {
            throw new InvalidDataException($"'{activation.OnnxName}' has rank {activation.Rank}; NCHW needs rank 4.");
        }
        return activation.ChannelsFirst ? activation.OnnxName : View(activation.OnnxName, "/nchw", ToChannelsFirst);
    }

    /// <summary>The ONNX name of the activation in TensorFlow (NHWC) layout.</summary>
    public string TfLayout(Activation activation) =>
        activation.ChannelsFirst ? View(activation.OnnxName, "/nhwc", ToChannelsLast) : activation.OnnxName;

    public string AddFloats(string name, int[] dims, float[] values) =>
        Graph.AddInitializer(OnnxTensor.FromFloats(name, dims.Select(dim => (long)dim).ToArray(), values));

    public string AddInt64s(string name, params long[] values) => Graph.AddInitializer(OnnxTensor.FromInt64s(name, values));

    /// <summary>
    /// A constant combined elementwise with an activation. TF broadcasts a per-channel vector over the
    /// last (C) axis; in NCHW it must become [C,1,1] to broadcast over the channel axis instead.
    /// </summary>
    public string BroadcastConstant(TfNode node, TfTensor constant, Activation activation)
    {
        var name = node.Name + "/constant";
        var values = constant.RequireFloats();
        if (!activation.ChannelsFirst || constant.ElementCount == 1)
        {
            return AddFloats(name, constant.Shape, values);
        }
        var isPerChannel = constant.ElementCount == activation.Channels && constant.Shape.Length >= 1
            && constant.Shape[^1] == activation.Channels && constant.Shape.Length <= 4;
        if (!isPerChannel)
        {
            throw node.Unsupported($"constant '{constant.Name}' [{string.Join(',', constant.Shape)}] does not broadcast per channel");
        }
        return AddFloats(name, [activation.Channels, 1, 1], values);
    }

    private string View(string onnxName, string suffix, long[] permutation)
    {
        var viewName = onnxName + suffix;
        if (_layoutViews.Add(viewName))
        {
            Graph.AddNode("Transpose", viewName, [onnxName], OnnxAttribute.Ints("perm", permutation));
        }
        return viewName;
    }
}
