namespace FaceAttendance.Cli.ModelImport.Onnx;

/// <summary>ONNX TensorProto.DataType values used by the importer.</summary>
internal enum OnnxDataType
{
    Float = 1,
    Int64 = 7,
}

internal sealed record OnnxNode(
    string OpType, string Name, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyList<OnnxAttribute> Attributes);

/// <summary>Initializer stored as little-endian raw_data (the compact TensorProto form).</summary>
internal sealed record OnnxTensor(string Name, long[] Dims, OnnxDataType DataType, byte[] RawData)
{
    public static OnnxTensor FromFloats(string name, long[] dims, ReadOnlySpan<float> values)
    {
        CheckElementCount(name, dims, values.Length);
        var raw = new byte[values.Length * sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        }
        return new OnnxTensor(name, dims, OnnxDataType.Float, raw);
    }

    public static OnnxTensor FromInt64s(string name, ReadOnlySpan<long> values)
    {
        var raw = new byte[values.Length * sizeof(long)];
        for (var i = 0; i < values.Length; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * sizeof(long)), values[i]);
        }
        return new OnnxTensor(name, [values.Length], OnnxDataType.Int64, raw);
    }

    private static void CheckElementCount(string name, long[] dims, int count)
    {
        var expected = dims.Aggregate(1L, (product, dim) => product * dim);
        if (expected != count)
        {
            throw new InvalidOperationException($"Initializer '{name}' has {count} values but shape [{string.Join(',', dims)}].");
        }
    }
}

/// <summary>A graph input or output. A dimension of -1 is written as the symbolic batch dimension "N".</summary>
internal sealed record OnnxValueInfo(string Name, OnnxDataType DataType, long[] Dims);

/// <summary>
/// Append-only ONNX graph. Node and tensor names must be unique; reusing one is a converter bug and throws,
/// which also keeps the output deterministic (nothing is renamed behind the caller's back).
/// </summary>
internal sealed class OnnxGraph(string name)
{
    private readonly HashSet<string> _tensorNames = new(StringComparer.Ordinal);
    private readonly List<OnnxNode> _nodes = [];
    private readonly List<OnnxTensor> _initializers = [];
    private readonly List<OnnxValueInfo> _inputs = [];
    private readonly List<OnnxValueInfo> _outputs = [];

    public string Name { get; } = name;
    public IReadOnlyList<OnnxNode> Nodes => _nodes;
    public IReadOnlyList<OnnxTensor> Initializers => _initializers;
    public IReadOnlyList<OnnxValueInfo> Inputs => _inputs;
    public IReadOnlyList<OnnxValueInfo> Outputs => _outputs;

    public void AddInput(OnnxValueInfo input)
    {
        Claim(input.Name);
        _inputs.Add(input);
    }

    /// <summary>Declares an output; its tensor must already be produced by a node.</summary>
    public void AddOutput(OnnxValueInfo output)
    {
        if (!_nodes.Any(node => node.Outputs.Contains(output.Name)))
        {
            throw new InvalidOperationException($"Graph output '{output.Name}' is not produced by any node.");
        }
        _outputs.Add(output);
    }

    public string AddInitializer(OnnxTensor tensor)
    {
        Claim(tensor.Name);
        _initializers.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a single-output node whose name is its output's name; returns that name.</summary>
    public string AddNode(string opType, string output, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes)
    {
        Claim(output);
        _nodes.Add(new OnnxNode(opType, output, inputs, [output], attributes));
        return output;
    }

    /// <summary>
    /// A bias-free 1x1 convolution of an NCHW tensor: a channel mixing (<paramref name="group"/> 1, weight
    /// [out, in, 1, 1]) or, with one group per channel, a per-channel scaling (weight [C, 1, 1, 1]).
    /// </summary>
    public string AddPointwiseConv(string name, string input, int[] weightDims, float[] weights, int group = 1)
    {
        var weight = AddInitializer(OnnxTensor.FromFloats(name + "/weight", [.. weightDims.Select(dim => (long)dim)], weights));
        OnnxAttribute[] attributes = group == 1
            ? [OnnxAttribute.Ints("kernel_shape", 1, 1)]
            : [OnnxAttribute.Int("group", group), OnnxAttribute.Ints("kernel_shape", 1, 1)];
        return AddNode("Conv", name, [input, weight], attributes);
    }

    private void Claim(string tensorName)
    {
        if (!_tensorNames.Add(tensorName))
        {
            throw new InvalidOperationException($"ONNX tensor name '{tensorName}' is used twice.");
        }
    }
}
