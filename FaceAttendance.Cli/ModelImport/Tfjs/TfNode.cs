using System.Globalization;
using System.Text;
using System.Text.Json;

namespace FaceAttendance.Cli.ModelImport.Tfjs;

/// <summary>One node of a TF.js graph model (a TensorFlow NodeDef in JSON form).</summary>
internal sealed record TfNode(string Name, string Op, IReadOnlyList<string> Inputs, JsonElement Attributes)
{
    public static TfNode Parse(JsonElement json)
    {
        var inputs = json.TryGetProperty("input", out var inputArray)
            ? inputArray.EnumerateArray().Select(input => input.GetString()!).Where(input => !input.StartsWith('^')).ToList()
            : [];
        // cloned because the node outlives the JsonDocument it was parsed from
        var attributes = json.TryGetProperty("attr", out var attr) ? attr.Clone() : default;
        return new TfNode(json.GetProperty("name").GetString()!, json.GetProperty("op").GetString()!, inputs, attributes);
    }

    public bool HasAttribute(string name) =>
        Attributes.ValueKind == JsonValueKind.Object && Attributes.TryGetProperty(name, out _);

    /// <summary>String attributes are base64 encoded bytes in the JSON form.</summary>
    public string GetString(string name) => Decode(Attribute(name).GetProperty("s").GetString()!);

    public bool GetBool(string name, bool whenMissing) =>
        HasAttribute(name) && Attribute(name).TryGetProperty("b", out var value) ? value.GetBoolean() : whenMissing;

    public long[] GetInts(string name) => ListItems(name, "i").Select(item => long.Parse(item.GetString()!, CultureInfo.InvariantCulture)).ToArray();

    public string[] GetStrings(string name) => ListItems(name, "s").Select(item => Decode(item.GetString()!)).ToArray();

    /// <summary>The Placeholder's declared shape, -1 for unknown dimensions.</summary>
    public int[] GetShape() => Attribute("shape").GetProperty("shape").GetProperty("dim").EnumerateArray()
        .Select(dim => int.Parse(dim.GetProperty("size").GetString()!, CultureInfo.InvariantCulture)).ToArray();

    public InvalidDataException Unsupported(string what) => new($"{Op} node '{Name}': {what}");

    private IEnumerable<JsonElement> ListItems(string name, string kind) =>
        Attribute(name).GetProperty("list").TryGetProperty(kind, out var items) ? items.EnumerateArray() : [];

    private JsonElement Attribute(string name) => HasAttribute(name)
        ? Attributes.GetProperty(name)
        : throw Unsupported($"attribute '{name}' is missing");

    private static string Decode(string base64) => Encoding.UTF8.GetString(Convert.FromBase64String(base64));
}
