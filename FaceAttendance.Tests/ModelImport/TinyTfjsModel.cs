using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace FaceAttendance.Tests.ModelImport;

/// <summary>Writes small hand-made TF.js graph models (model.json + one float32/int32 shard) for converter tests.</summary>
internal static class TinyTfjsModel
{
    public sealed record Weight(string Name, int[] Shape, float[]? Floats = null, int[]? Ints = null);

    public static string Write(string directory, IEnumerable<JsonObject> nodes, IReadOnlyList<Weight> weights)
    {
        Directory.CreateDirectory(directory);
        var shard = new MemoryStream();
        var specs = new JsonArray();
        var bytes = new byte[4];
        foreach (var weight in weights)
        {
            foreach (var value in weight.Floats ?? [])
            {
                BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
                shard.Write(bytes);
            }
            foreach (var value in weight.Ints ?? [])
            {
                BinaryPrimitives.WriteInt32LittleEndian(bytes, value);
                shard.Write(bytes);
            }
            specs.Add(new JsonObject
            {
                ["name"] = weight.Name,
                ["shape"] = new JsonArray(weight.Shape.Select(dim => (JsonNode)dim).ToArray()),
                ["dtype"] = weight.Floats is null ? "int32" : "float32",
            });
        }
        File.WriteAllBytes(Path.Combine(directory, "weights.bin"), shard.ToArray());
        var allNodes = weights.Select(weight => Node(weight.Name, "Const", [])).Concat(nodes);
        var model = new JsonObject
        {
            ["format"] = "graph-model",
            ["modelTopology"] = new JsonObject { ["node"] = new JsonArray(allNodes.ToArray<JsonNode>()) },
            ["weightsManifest"] = new JsonArray(new JsonObject { ["paths"] = new JsonArray("weights.bin"), ["weights"] = specs }),
        };
        var path = Path.Combine(directory, "model.json");
        File.WriteAllText(path, model.ToJsonString());
        return path;
    }

    public static JsonObject Node(string name, string op, string[] inputs, JsonObject? attributes = null) => new()
    {
        ["name"] = name,
        ["op"] = op,
        ["input"] = new JsonArray(inputs.Select(input => (JsonNode)input).ToArray()),
        ["attr"] = attributes ?? [],
    };

    public static JsonObject Text(string value) => new() { ["s"] = Base64(value) };

    public static JsonObject Texts(params string[] values) =>
        new() { ["list"] = new JsonObject { ["s"] = new JsonArray(values.Select(value => (JsonNode)Base64(value)).ToArray()) } };

    public static JsonObject Ints(params long[] values) =>
        new() { ["list"] = new JsonObject { ["i"] = new JsonArray(values.Select(value => (JsonNode)value.ToString(CultureInfo.InvariantCulture)).ToArray()) } };

    public static JsonObject Shape(params int[] dims) => new()
    {
        ["shape"] = new JsonObject
        {
            ["dim"] = new JsonArray(dims.Select(dim => (JsonNode)new JsonObject { ["size"] = dim.ToString(CultureInfo.InvariantCulture) }).ToArray()),
        },
    };

    private static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));
}
