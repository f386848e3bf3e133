namespace FaceAttendance.Cli.ModelImport.Onnx;

/// <summary>ONNX AttributeProto.AttributeType values used by the importer.</summary>
internal enum OnnxAttributeType
{
    Float = 1,
    Int = 2,
    String = 3,
    Ints = 7,
}

/// <summary>A node attribute; exactly one value field is set, matching <see cref="Type"/>.</summary>
internal sealed record OnnxAttribute(string Name, OnnxAttributeType Type, float FloatValue, long IntValue, string? StringValue, long[]? IntsValue)
{
    public static OnnxAttribute Float(string name, float value) => new(name, OnnxAttributeType.Float, value, 0, null, null);

    public static OnnxAttribute Int(string name, long value) => new(name, OnnxAttributeType.Int, 0, value, null, null);

    public static OnnxAttribute String(string name, string value) => new(name, OnnxAttributeType.String, 0, 0, value, null);

    public static OnnxAttribute Ints(string name, params long[] values) => new(name, OnnxAttributeType.Ints, 0, 0, null, values);
}
