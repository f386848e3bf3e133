using System.Security.Cryptography;
using System.Text;

namespace FaceAttendance.Vision;

/// <summary>
/// A short id for "these exact model files + this preprocessing": embeddings made under another id are not
/// comparable and must be recomputed. Every model counts, because the detector's mesh places the aligned chip.
/// </summary>
internal static class ModelIdentity
{
    public static string Compute(string modelsDirectory)
    {
        var files = Directory.GetFiles(modelsDirectory, "*.onnx").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new FileNotFoundException($"No .onnx models in {modelsDirectory}; run `import-models` or check ModelsDirectory.");
        }
        var manifest = new StringBuilder($"preprocessing {FaceAligner.PreprocessingVersion}\n");
        foreach (var file in files)
        {
            using var stream = File.OpenRead(file);
            manifest.Append(Path.GetFileName(file)).Append(' ').Append(Convert.ToHexStringLower(SHA256.HashData(stream))).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifest.ToString())))[..16];
    }
}
