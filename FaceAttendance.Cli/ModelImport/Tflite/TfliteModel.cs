using System.Buffers.Binary;
using System.Text;

namespace FaceAttendance.Cli.ModelImport.Tflite;

/// <summary>A tensor of the model's first subgraph: NHWC shape, float32 constant data when it has any.</summary>
internal sealed record TfliteTensor(int Index, string Name, int[] Shape, int Type, float[]? Data);

/// <summary>One operator: its builtin code (TFLite's BuiltinOperator), tensor indices, and its options table.</summary>
internal sealed record TfliteOperator(int BuiltinCode, int[] Inputs, int[] Outputs, FlatTable? Options);

/// <summary>
/// A .tflite file (a FlatBuffer of tensorflow/lite/schema/schema.fbs) read by hand: the first subgraph's tensors,
/// operators, inputs and outputs. Only float32 weights (int32 only for shapes): a quantised tensor fails the read rather than convert wrongly.
/// </summary>
internal sealed class TfliteModel
{
    private const int Float32 = 0, Int32 = 2;

    private TfliteModel(IReadOnlyList<TfliteTensor> tensors, IReadOnlyList<TfliteOperator> operators, int[] inputs, int[] outputs)
    {
        (Tensors, Operators, Inputs, Outputs) = (tensors, operators, inputs, outputs);
    }

    public IReadOnlyList<TfliteTensor> Tensors { get; }
    public IReadOnlyList<TfliteOperator> Operators { get; }
    public int[] Inputs { get; }
    public int[] Outputs { get; }

    public static TfliteModel Load(byte[] file)
    {
        var model = FlatTable.Root(file);
        // Model: 1 operator_codes, 2 subgraphs, 4 buffers
        var codes = model.Tables(1).Select(code => Math.Max(code.SByte(0), code.Int(3))).ToArray();
        var buffers = model.Tables(4).Select(buffer => buffer.Bytes(0)).ToArray();
        var subgraph = model.Tables(2)[0];
        // SubGraph: 0 tensors, 1 inputs, 2 outputs, 3 operators; Tensor: 0 shape, 1 type, 2 buffer, 3 name
        var tensors = subgraph.Tables(0).Select((tensor, index) =>
        {
            var data = buffers[tensor.UInt(2)];
            var type = tensor.SByte(1);
            if (type is not (Float32 or Int32) && data.Length > 0)
            {
                throw new InvalidDataException($"Tensor {index} '{tensor.String(3)}' has type {type}: only float32 models are converted.");
            }
            // int32 constants are shapes (RESHAPE's second input), which the converter takes from the tensors' own shapes
            return new TfliteTensor(index, tensor.String(3), tensor.Ints(0), type, data.Length == 0 || type == Int32 ? null : Floats(data));
        }).ToList();
        // Operator: 0 opcode_index, 1 inputs, 2 outputs, 4 builtin_options
        var operators = subgraph.Tables(3)
            .Select(op => new TfliteOperator(codes[op.UInt(0)], op.Ints(1), op.Ints(2), op.Table(4))).ToList();
        return new TfliteModel(tensors, operators, subgraph.Ints(1), subgraph.Ints(2));
    }

    private static float[] Floats(ReadOnlySpan<byte> data)
    {
        var values = new float[data.Length / sizeof(float)];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(i * sizeof(float))..]);
        }
        return values;
    }
}

/// <summary>A FlatBuffers table: field i is read through the table's vtable; an absent field reads as its default 0.</summary>
internal sealed class FlatTable(byte[] buffer, int position)
{
    public static FlatTable Root(byte[] buffer) => new(buffer, (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer));

    public int Int(int field) => Field(field) is { } at ? BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(at)) : 0;

    public uint UInt(int field) => Field(field) is { } at ? BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(at)) : 0;

    public int SByte(int field) => Field(field) is { } at ? (sbyte)buffer[at] : 0;

    public FlatTable? Table(int field) => Field(field) is { } at ? new FlatTable(buffer, Follow(at)) : null;

    public FlatTable[] Tables(int field) => Vector(field, 4).Select(at => new FlatTable(buffer, Follow(at))).ToArray();

    public int[] Ints(int field) => Vector(field, 4).Select(at => BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(at))).ToArray();

    public byte[] Bytes(int field) => Field(field) is { } at ? buffer.AsSpan(Follow(at) + 4, Length(at)).ToArray() : [];

    public string String(int field) => Encoding.UTF8.GetString(Bytes(field));

    private int? Field(int field)
    {
        var vtable = position - BinaryPrimitives.ReadInt32LittleEndian(buffer.AsSpan(position));
        var vtableSize = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(vtable));
        var entry = 4 + 2 * field;
        if (entry >= vtableSize)
        {
            return null;
        }
        var offset = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(vtable + entry));
        return offset == 0 ? null : position + offset;
    }

    private int Follow(int at) => at + (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(at));

    private int Length(int at) => (int)BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(Follow(at)));

    private IEnumerable<int> Vector(int field, int elementSize)
    {
        if (Field(field) is not { } at)
        {
            return [];
        }
        var start = Follow(at) + 4;
        return Enumerable.Range(0, Length(at)).Select(i => start + i * elementSize);
    }
}
