using System.Security.Cryptography;
using System.Text.Json;

namespace FaceAttendance.Cli.ModelImport;

/// <summary>An unpacked npm package (the "package" folder of its tarball) and the files read from it.</summary>
internal sealed class NpmPackage
{
    private readonly SortedSet<string> _filesUsed = new(StringComparer.Ordinal);

    private NpmPackage(string directory, string name, string version)
    {
        Directory = directory;
        Name = name;
        Version = version;
    }

    public string Directory { get; }
    public string Name { get; }
    public string Version { get; }

    /// <summary>Package-relative paths (forward slashes) of every file the import used, sorted.</summary>
    public IReadOnlyCollection<string> FilesUsed => _filesUsed;

    public static NpmPackage Open(string directory, string expectedName)
    {
        var manifestPath = Path.Combine(directory, "package.json");
        if (!File.Exists(manifestPath))
        {
            throw new DirectoryNotFoundException($"{directory} is not an unpacked npm package (no package.json).");
        }
        using var manifest = JsonDocument.Parse(File.ReadAllBytes(manifestPath));
        var name = manifest.RootElement.GetProperty("name").GetString();
        if (name != expectedName)
        {
            throw new InvalidDataException($"{directory} holds npm package '{name}', expected '{expectedName}'.");
        }
        var package = new NpmPackage(Path.GetFullPath(directory), name, manifest.RootElement.GetProperty("version").GetString()!);
        package.Use("package.json");
        package.Use("LICENSE");
        return package;
    }

    /// <summary>Records a package file as used and returns its full path.</summary>
    public string Use(string relativePath)
    {
        var fullPath = Path.Combine(Directory, relativePath);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"{Name} has no file '{relativePath}'.", fullPath);
        }
        _filesUsed.Add(relativePath.Replace('\\', '/'));
        return fullPath;
    }

    /// <summary>Records files that were read through a full path (e.g. weight shards found via a manifest).</summary>
    public void UseFullPaths(IEnumerable<string> fullPaths)
    {
        foreach (var fullPath in fullPaths)
        {
            Use(Path.GetRelativePath(Directory, fullPath));
        }
    }

    public static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
