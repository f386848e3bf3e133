namespace FaceAttendance.Cli.ModelImport.Tfjs;

/// <summary>A constant from a TF.js weights manifest, dequantised; float data or int32 data, never both.</summary>
internal sealed record TfTensor(string Name, int[] Shape, float[]? Floats, int[]? Ints)
{
    public int ElementCount => Shape.Aggregate(1, (product, dim) => product * dim);

    public float[] RequireFloats() =>
        Floats ?? throw new InvalidDataException($"Weight '{Name}' is int32 where float data is required.");

    public int[] RequireInts() =>
        Ints ?? throw new InvalidDataException($"Weight '{Name}' is float where int32 data is required.");
}
