using System.Security.Cryptography;
using System.Text.Json;
using FaceAttendance.Cli.ModelImport;

namespace FaceAttendance.Tests.ModelImport;

/// <summary>
/// The committed models/ folder must be exactly what the importer makes from the pinned npm packages,
/// so anyone can rebuild and audit the shipped models.
/// </summary>
public sealed class ImportReproducibilityTests : IDisposable
{
    private readonly string _outputDirectory = Path.Combine(Path.GetTempPath(), "import-models-" + Guid.NewGuid().ToString("N"));
    private static string CommittedModels => Path.Combine(TestPaths.RepoRoot, "models");

    [Fact]
    public void Reimport_reproduces_the_committed_models_folder_byte_for_byte()
    {
        var written = ModelImporter.Import(NpmPackages.HumanModels, NpmPackages.FacePlugin, _outputDirectory);

        written.Select(file => file.FileName).Should().BeEquivalentTo(
            Directory.GetFiles(CommittedModels).Select(Path.GetFileName), "models/ holds exactly the importer's output");
        foreach (var file in written)
        {
            var fresh = File.ReadAllBytes(Path.Combine(_outputDirectory, file.FileName));
            var committed = File.ReadAllBytes(Path.Combine(CommittedModels, file.FileName));
            fresh.SequenceEqual(committed).Should().BeTrue(
                $"models/{file.FileName} must equal a fresh import (re-run `import-models --out models` after changing the importer)");
        }
    }

    [Fact]
    public void Committed_provenance_hashes_match_the_outputs_and_the_npm_sources()
    {
        using var provenance = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(CommittedModels, "provenance.json")));
        var outputs = provenance.RootElement.GetProperty("outputs").EnumerateArray().ToList();
        outputs.Should().NotBeEmpty();
        foreach (var output in outputs)
        {
            Sha256(Path.Combine(CommittedModels, output.GetProperty("file").GetString()!))
                .Should().Be(output.GetProperty("sha256").GetString(), output.GetProperty("file").GetString());
        }

        var packageDirectories = new Dictionary<string, string>
        {
            [ModelImporter.HumanModelsPackage] = NpmPackages.HumanModels,
            [ModelImporter.FacePluginPackage] = NpmPackages.FacePlugin,
        };
        foreach (var package in provenance.RootElement.GetProperty("packages").EnumerateArray())
        {
            var directory = packageDirectories[package.GetProperty("name").GetString()!];
            foreach (var file in package.GetProperty("files").EnumerateArray())
            {
                var path = file.GetProperty("path").GetString()!;
                Sha256(Path.Combine(directory, path)).Should().Be(file.GetProperty("sha256").GetString(), path);
            }
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_outputDirectory))
        {
            Directory.Delete(_outputDirectory, recursive: true);
        }
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
