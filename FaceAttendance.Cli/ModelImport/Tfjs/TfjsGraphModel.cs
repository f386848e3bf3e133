using System.Text.Json;

namespace FaceAttendance.Cli.ModelImport.Tfjs;

/// <summary>A TF.js "graph-model" (model.json + weight shards) loaded into memory.</summary>
internal sealed class TfjsGraphModel
{
    private TfjsGraphModel(IReadOnlyList<TfNode> nodes, Dictionary<string, TfTensor> weights,
        IReadOnlyList<GraphOutput> outputs, IReadOnlyList<string> sourceFiles)
    {
        Nodes = nodes;
        Weights = weights;
        Outputs = outputs;
        SourceFiles = sourceFiles;
    }

    /// <summary>A model output: the name it gets in ONNX and the TF node producing it.</summary>
    public sealed record GraphOutput(string Name, string NodeName);

    public IReadOnlyList<TfNode> Nodes { get; }
    public Dictionary<string, TfTensor> Weights { get; }
    public IReadOnlyList<GraphOutput> Outputs { get; }

    /// <summary>model.json and every shard it references.</summary>
    public IReadOnlyList<string> SourceFiles { get; }

    public static TfjsGraphModel Load(string modelJsonPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(modelJsonPath));
        var root = document.RootElement;
        if (root.GetProperty("format").GetString() != "graph-model")
        {
            throw new InvalidDataException($"{modelJsonPath} is not a TF.js graph-model.");
        }
        var nodes = root.GetProperty("modelTopology").GetProperty("node").EnumerateArray().Select(TfNode.Parse).ToList();
        var sourceFiles = new List<string> { modelJsonPath };
        var weights = WeightManifestReader.Read(
            root.GetProperty("weightsManifest"), Path.GetDirectoryName(modelJsonPath)!, sourceFiles);
        var outputs = root.TryGetProperty("signature", out var signature)
            ? SignatureOutputs(signature)
            : SinkOutputs(nodes);
        return new TfjsGraphModel(nodes, weights, outputs, sourceFiles);
    }

    /// <summary>Signature outputs keep their signature keys as names, in the signature's order.</summary>
    private static List<GraphOutput> SignatureOutputs(JsonElement signature) =>
        signature.GetProperty("outputs").EnumerateObject()
            .Select(output => new GraphOutput(output.Name, TensorNodeName(output.Value.GetProperty("name").GetString()!)))
            .ToList();

    /// <summary>Without a signature TF.js returns the graph's sink nodes; they keep their node names, sorted.</summary>
    private static List<GraphOutput> SinkOutputs(List<TfNode> nodes)
    {
        var consumed = nodes.SelectMany(node => node.Inputs).Select(TensorNodeName).ToHashSet(StringComparer.Ordinal);
        return nodes.Where(node => node.Op != "Const" && !consumed.Contains(node.Name))
            .Select(node => node.Name).Order(StringComparer.Ordinal)
            .Select(name => new GraphOutput(name, name)).ToList();
    }

    /// <summary>Maps a tensor reference ("node" or "node:0") to its node; multi-output references are not used by these models.</summary>
    public static string TensorNodeName(string tensor)
    {
        var colon = tensor.LastIndexOf(':');
        if (colon < 0)
        {
            return tensor;
        }
        return tensor[(colon + 1)..] == "0"
            ? tensor[..colon]
            : throw new InvalidDataException($"Tensor '{tensor}' refers to a secondary output, which is not supported.");
    }
}
