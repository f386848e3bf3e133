using System.Buffers.Binary;
using System.Text.Json;

namespace FaceAttendance.Cli.ModelImport.Tfjs;

/// <summary>
/// Reads a TF.js weights manifest and its binary shards, dequantising exactly as tfjs-core's
/// io.decodeWeights does: uint8/uint16 values become <c>q * scale + min</c> (computed in double,
/// stored as float32), float16 values are widened to float32.
/// </summary>
internal static class WeightManifestReader
{
    /// <param name="manifest">The JSON array of weight groups.</param>
    /// <param name="directory">Directory the shard paths are relative to.</param>
    /// <param name="shardsRead">Receives the full path of every shard read, for provenance.</param>
    public static Dictionary<string, TfTensor> Read(JsonElement manifest, string directory, List<string> shardsRead)
    {
        var weights = new Dictionary<string, TfTensor>(StringComparer.Ordinal);
        foreach (var group in manifest.EnumerateArray())
        {
            var shardPaths = group.GetProperty("paths").EnumerateArray()
                .Select(path => Path.Combine(directory, path.GetString()!)).ToList();
            shardsRead.AddRange(shardPaths);
            // a group's shards are one byte stream split into files; weights run across shard boundaries
            var data = shardPaths.SelectMany(File.ReadAllBytes).ToArray();
            var offset = 0;
            foreach (var spec in group.GetProperty("weights").EnumerateArray())
            {
                var tensor = Decode(spec, data, ref offset);
                if (!weights.TryAdd(tensor.Name, tensor))
                {
                    throw new InvalidDataException($"Weight '{tensor.Name}' appears twice in the manifest.");
                }
            }
            if (offset != data.Length)
            {
                throw new InvalidDataException($"Manifest describes {offset} bytes but shards hold {data.Length}.");
            }
        }
        return weights;
    }

    private static TfTensor Decode(JsonElement spec, byte[] data, ref int offset)
    {
        var name = spec.GetProperty("name").GetString()!;
        var shape = spec.GetProperty("shape").EnumerateArray().Select(dim => dim.GetInt32()).ToArray();
        var dtype = spec.GetProperty("dtype").GetString();
        var count = shape.Aggregate(1, (product, dim) => product * dim);
        var storage = spec.TryGetProperty("quantization", out var quantization)
            ? quantization.GetProperty("dtype").GetString()
            : dtype;
        var bytesPerValue = storage switch
        {
            "float32" or "int32" => 4,
            "float16" or "uint16" => 2,
            "uint8" => 1,
            _ => throw new InvalidDataException($"Weight '{name}' has unsupported storage dtype '{storage}'."),
        };
        var bytes = data.AsSpan(offset, count * bytesPerValue);
        offset += bytes.Length;

        if (dtype == "int32" && storage == "int32")
        {
            var ints = new int[count];
            for (var i = 0; i < count; i++)
            {
                ints[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]);
            }
            return new TfTensor(name, shape, null, ints);
        }
        if (dtype != "float32")
        {
            throw new InvalidDataException($"Weight '{name}' has unsupported dtype '{dtype}' stored as '{storage}'.");
        }

        var (scale, min) = storage is "uint8" or "uint16"
            ? (quantization.GetProperty("scale").GetDouble(), quantization.GetProperty("min").GetDouble())
            : (0d, 0d);
        var floats = new float[count];
        for (var i = 0; i < count; i++)
        {
            floats[i] = storage switch
            {
                "float32" => BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]),
                "float16" => (float)BinaryPrimitives.ReadHalfLittleEndian(bytes[(i * 2)..]),
                "uint16" => (float)(BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i * 2)..]) * scale + min),
                _ => (float)(bytes[i] * scale + min),
            };
        }
        return new TfTensor(name, shape, floats, null);
    }
}
