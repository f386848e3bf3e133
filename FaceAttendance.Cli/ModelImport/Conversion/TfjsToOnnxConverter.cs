using FaceAttendance.Cli.ModelImport.Onnx;
using FaceAttendance.Cli.ModelImport.Tfjs;

namespace FaceAttendance.Cli.ModelImport.Conversion;

/// <summary>
/// Converts a TF.js graph model to an ONNX graph. The single input keeps its TF name and NHWC shape and
/// is transposed to NCHW once; every conv/pool runs NCHW; outputs are returned in TF layout under the
/// names chosen by <see cref="TfjsGraphModel.Outputs"/>.
/// </summary>
internal static class TfjsToOnnxConverter
{
    public static OnnxGraph Convert(TfjsGraphModel model, string graphName)
    {
        var graph = new OnnxGraph(graphName);
        var context = new ConversionContext(graph, model.Weights);
        foreach (var node in TopologicalOrder(model.Nodes))
        {
            switch (node.Op)
            {
                case "Const":
                    if (!model.Weights.ContainsKey(node.Name))
                    {
                        throw node.Unsupported("constant has no entry in the weights manifest");
                    }
                    break;
                case "Placeholder":
                    var shape = node.GetShape();
                    graph.AddInput(new OnnxValueInfo(node.Name, OnnxDataType.Float, shape.Select(dim => (long)dim).ToArray()));
                    context.SetOutput(node, new Activation(node.Name, shape, ChannelsFirst: false));
                    break;
                default:
                    TfjsOpTable.Convert(context, node);
                    break;
            }
        }
        foreach (var output in model.Outputs)
        {
            var activation = context.Output(output.NodeName);
            graph.AddNode("Identity", output.Name, [context.TfLayout(activation)]);
            graph.AddOutput(new OnnxValueInfo(output.Name, OnnxDataType.Float, activation.Shape.Select(dim => (long)dim).ToArray()));
        }
        return graph;
    }

    /// <summary>Orders nodes so inputs come first; ties keep model.json order, so the result is deterministic.</summary>
    private static List<TfNode> TopologicalOrder(IReadOnlyList<TfNode> nodes)
    {
        var byName = nodes.ToDictionary(node => node.Name, StringComparer.Ordinal);
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false = visiting, true = done
        var ordered = new List<TfNode>(nodes.Count);
        foreach (var node in nodes)
        {
            Visit(node);
        }
        return ordered;

        void Visit(TfNode node)
        {
            if (state.TryGetValue(node.Name, out var done))
            {
                if (!done)
                {
                    throw node.Unsupported("the graph has a cycle");
                }
                return;
            }
            state[node.Name] = false;
            foreach (var input in node.Inputs)
            {
                var inputName = TfjsGraphModel.TensorNodeName(input);
                Visit(byName.TryGetValue(inputName, out var inputNode)
                    ? inputNode
                    : throw node.Unsupported($"input '{inputName}' is not a node of the graph"));
            }
            state[node.Name] = true;
            ordered.Add(node);
        }
    }
}
