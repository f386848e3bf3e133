using System.Text.Json;
using FaceAttendance.Vision;

namespace FaceAttendance.Tests.Vision;

/// <summary>One photo's folder of JS reference tensors (tools/js-reference: index.json + raw little-endian .f32 files).</summary>
internal sealed class JsReference(string directory)
{
    private readonly JsonElement index = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "index.json"))).RootElement;

    public string Name => Path.GetFileName(directory);

    public string Source => index.GetProperty("source").GetString()!;

    public int Width => index.GetProperty("imageWidth").GetInt32();

    public int Height => index.GetProperty("imageHeight").GetInt32();

    public int FaceCount => index.GetProperty("faces").GetArrayLength();

    public JsonElement Face(int i) => index.GetProperty("faces")[i];

    public JsonElement Detection(int i) => index.GetProperty("detections")[i];

    public bool Has(string tensor) => File.Exists(Path.Combine(directory, tensor + ".f32"));

    public float[] Tensor(string name)
    {
        var bytes = File.ReadAllBytes(Path.Combine(directory, name + ".f32"));
        var values = new float[bytes.Length / 4];
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        return values;
    }

    /// <summary>The decoded photo exactly as JS saw it, as packed RGB bytes.</summary>
    public byte[] Rgb() => Tensor("image").Select(v => (byte)v).ToArray();

    /// <summary>
    /// The JS-decoded pixels as an engine image: jpeg-js and Skia's libjpeg-turbo round the IDCT differently, so
    /// parity of the face pipeline is checked on identical pixels.
    /// </summary>
    public FaceImage Image() => TestImages.FromRgb(Width, Height, Rgb());

    public static IEnumerable<JsReference> All() =>
        Directory.GetDirectories(TestPaths.ReferenceDir).Order(StringComparer.Ordinal).Select(d => new JsReference(d));

    public static TheoryData<string> Names()
    {
        var names = new TheoryData<string>();
        foreach (var reference in All())
        {
            names.Add(reference.Name);
        }
        return names;
    }

    public static JsReference Named(string name) => new(Path.Combine(TestPaths.ReferenceDir, name));
}
