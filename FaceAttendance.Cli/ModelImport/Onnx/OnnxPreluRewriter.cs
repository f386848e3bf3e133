using System.Buffers.Binary;

namespace FaceAttendance.Cli.ModelImport.Onnx;

/// <summary>
/// Rewrites every per-channel PRelu node of an existing ONNX model as <see cref="PreluDecomposition"/>, leaving every
/// other byte of the file's fields as it was (field numbers from onnx/onnx.proto). The output is a pure function of the
/// input, so the import stays reproducible; the values the model computes are unchanged bit for bit.
/// </summary>
internal static class OnnxPreluRewriter
{
    private const int ModelGraph = 7;
    private const int GraphNode = 1, GraphInitializer = 5, GraphInput = 11;
    private const int NodeInput = 1, NodeOutput = 2, NodeOpType = 4, NodeDomain = 7;
    private const int TensorDims = 1, TensorDataType = 2, TensorFloatData = 4, TensorName = 8, TensorRawData = 9;

    /// <summary>The rewritten model and how many PRelu nodes it replaced.</summary>
    public static (byte[] Model, int Rewritten) Rewrite(byte[] model)
    {
        var writer = new ProtoWriter();
        var rewritten = 0;
        foreach (var field in ProtoReader.Fields(model))
        {
            if (field.Number == ModelGraph && field.WireType == ProtoField.LengthDelimitedWireType)
            {
                var (graph, count) = RewriteGraph(field.Payload);
                writer.WriteBytes(ModelGraph, graph);
                rewritten += count;
            }
            else
            {
                writer.WriteEncoded(field.Encoded.Span);
            }
        }
        return (writer.ToArray(), rewritten);
    }

    private static (byte[] Graph, int Rewritten) RewriteGraph(ReadOnlyMemory<byte> graph)
    {
        var fields = ProtoReader.Fields(graph);
        var initializers = fields.Where(field => field.Number == GraphInitializer)
            .Select(field => (Field: field, Tensor: ProtoReader.Fields(field.Payload)))
            .ToDictionary(entry => Name(entry.Tensor), entry => entry.Tensor, StringComparer.Ordinal);
        var nodes = fields.Where(field => field.Number == GraphNode).Select(field => ProtoReader.Fields(field.Payload)).ToList();
        var preluSlopes = nodes.Where(IsPrelu).Select(node => Strings(node, NodeInput)[1]).ToHashSet(StringComparer.Ordinal);
        var otherUses = nodes.Where(node => !IsPrelu(node)).SelectMany(node => Strings(node, NodeInput))
            .Concat(fields.Where(field => field.Number == GraphInput).Select(field => Name(ProtoReader.Fields(field.Payload), 1)))
            .ToHashSet(StringComparer.Ordinal);

        var writer = new ProtoWriter();
        var added = new OnnxGraph("prelu-decomposition");
        var rewritten = 0;
        foreach (var field in fields)
        {
            if (field.Number == GraphNode && IsPrelu(ProtoReader.Fields(field.Payload)))
            {
                var node = ProtoReader.Fields(field.Payload);
                var (input, slope, output) = (Strings(node, NodeInput)[0], Strings(node, NodeInput)[1], Strings(node, NodeOutput)[0]);
                var firstNew = added.Nodes.Count;
                PreluDecomposition.Add(added, output, input, ChannelSlopes(slope, initializers));
                foreach (var replacement in added.Nodes.Skip(firstNew))
                {
                    writer.WriteMessage(GraphNode, nodeWriter => OnnxModelSerializer.WriteNode(nodeWriter, replacement));
                }
                rewritten++;
            }
            else if (field.Number == GraphInitializer && preluSlopes.Contains(Name(ProtoReader.Fields(field.Payload))) &&
                     !otherUses.Contains(Name(ProtoReader.Fields(field.Payload))))
            {
                // a slope only PRelu read: its values now live in the decomposition's conv weights
            }
            else
            {
                writer.WriteEncoded(field.Encoded.Span);
            }
        }
        foreach (var tensor in added.Initializers)
        {
            if (initializers.ContainsKey(tensor.Name))
            {
                throw new InvalidDataException($"The model already has a tensor named '{tensor.Name}'.");
            }
            writer.WriteMessage(GraphInitializer, tensorWriter => OnnxModelSerializer.WriteTensor(tensorWriter, tensor));
        }
        return (writer.ToArray(), rewritten);
    }

    private static bool IsPrelu(List<ProtoField> node) =>
        Strings(node, NodeOpType).SingleOrDefault() == "PRelu" && Strings(node, NodeDomain).SingleOrDefault() is null or "" &&
        Strings(node, NodeInput).Count == 2;

    /// <summary>A slope initializer that broadcasts per channel over NCHW: [C,1,1] or [1,C,1,1], float.</summary>
    private static float[] ChannelSlopes(string name, Dictionary<string, List<ProtoField>> initializers)
    {
        if (!initializers.TryGetValue(name, out var tensor))
        {
            throw new InvalidDataException($"PRelu slope '{name}' is not an initializer.");
        }
        var dims = tensor.Where(field => field.Number == TensorDims).SelectMany(Int64s).ToArray();
        var perChannel = dims.Length == 3 && dims[1] == 1 && dims[2] == 1 ||
                         dims.Length == 4 && dims[0] == 1 && dims[2] == 1 && dims[3] == 1;
        if (!perChannel || tensor.Single(field => field.Number == TensorDataType).Varint != (ulong)OnnxDataType.Float)
        {
            throw new InvalidDataException($"PRelu slope '{name}' [{string.Join(',', dims)}] is not one float per NCHW channel.");
        }
        var raw = tensor.SingleOrDefault(field => field.Number == TensorRawData).Payload;
        if (raw.IsEmpty)
        {
            raw = Concat(tensor.Where(field => field.Number == TensorFloatData).Select(field => field.Payload));
        }
        var slopes = new float[raw.Length / sizeof(float)];
        for (var i = 0; i < slopes.Length; i++)
        {
            slopes[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Span[(i * sizeof(float))..]);
        }
        return slopes.Length == dims.Aggregate(1L, (product, dim) => product * dim)
            ? slopes
            : throw new InvalidDataException($"PRelu slope '{name}' holds {slopes.Length} values for shape [{string.Join(',', dims)}].");
    }

    /// <summary>A repeated int64 field, written unpacked (one varint per field) or packed.</summary>
    private static IEnumerable<long> Int64s(ProtoField field)
    {
        if (field.WireType == ProtoField.VarintWireType)
        {
            return [unchecked((long)field.Varint)];
        }
        var values = new List<long>();
        var position = 0;
        while (position < field.Payload.Length)
        {
            values.Add(unchecked((long)ProtoReader.ReadVarint(field.Payload.Span, ref position)));
        }
        return values;
    }

    private static ReadOnlyMemory<byte> Concat(IEnumerable<ReadOnlyMemory<byte>> parts) =>
        parts.SelectMany(part => part.ToArray()).ToArray();

    private static List<string> Strings(List<ProtoField> message, int number) =>
        [.. message.Where(field => field.Number == number && field.WireType == ProtoField.LengthDelimitedWireType).Select(field => field.AsString())];

    private static string Name(List<ProtoField> message, int number = TensorName) => Strings(message, number).Single();
}
