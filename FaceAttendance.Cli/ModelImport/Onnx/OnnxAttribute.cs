namespace FaceAttendance.Cli.ModelImport.Onnx;

/// <summary>ONNX AttributeProto.AttributeType values used by the importer.</summary>
internal enum OnnxAttributeType
{
    Int = 2,
    Ints = 7,
}

/// <summary>A node attribute: one int64 or a list of int64, the only kinds the converted graphs need.</summary>
internal sealed record OnnxAttribute(string Name, OnnxAttributeType Type, long IntValue, long[]? IntsValue)
{
    public static OnnxAttribute Int(string name, long value) => new(name, OnnxAttributeType.Int, value, null);

    public static OnnxAttribute Ints(string name, params long[] values) => new(name, OnnxAttributeType.Ints, 0, values);
}
