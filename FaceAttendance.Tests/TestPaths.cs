using System.Diagnostics;
using System.Reflection;

namespace FaceAttendance.Tests;

/// <summary>Where tests find the repository, the dev faces and the JS references, wherever the build output lives.</summary>
internal static class TestPaths
{
    public static string RepoRoot { get; } = typeof(TestPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "RepoRoot").Value!;

    /// <summary>The shared dev photos (env FACES_DIR overrides); fails with a clear message when absent.</summary>
    public static string FacesDir => Existing(
        Environment.GetEnvironmentVariable("FACES_DIR") ?? Path.Combine(RepoRoot, "..", "shared", "faces", "dev"),
        "the dev face photos are missing: put them at ../shared/faces/dev next to the repo or set FACES_DIR");

    /// <summary>JS parity references (env FACE_REFERENCE_DIR overrides).</summary>
    public static string ReferenceDir => Prepared(
        Environment.GetEnvironmentVariable("FACE_REFERENCE_DIR") ?? Path.Combine(RepoRoot, "artifacts", "reference"),
        "JS references are missing: run `node tools/js-reference/reference.mjs --faces ../shared/faces/dev --out artifacts/reference`");

    /// <summary>Unpacked npm packages (env FACE_MODELS_NPM_DIR overrides), e.g. "human-models" or "faceplugin".</summary>
    public static string NpmPackage(string name) => Prepared(
        Path.Combine(Environment.GetEnvironmentVariable("FACE_MODELS_NPM_DIR") ?? Path.Combine(RepoRoot, "artifacts", "npm"), name, "package"),
        $"npm package {name} is missing: run .ci/run (it unpacks `npm pack` output into artifacts/npm)");

    /// <summary>The converted models as the engine loads them at runtime.</summary>
    public static string ModelsDir => Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>The Chromium of the browser tests: CHROMIUM_PATH, else Debian's, which tools/prepare-tests.sh installs
    /// when missing (never a downloaded browser).</summary>
    public static string Chromium
    {
        get
        {
            var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
            if (!File.Exists(path) && TestDataPreparation.Value is { } failure)
                throw new FileNotFoundException($"Chromium is missing at {path}; tools/prepare-tests.sh failed: {failure}");
            return File.Exists(path) ? path : throw new FileNotFoundException($"Chromium is missing at {path}: apt-get install -y chromium, or set CHROMIUM_PATH");
        }
    }

    private static readonly Lazy<string?> TestDataPreparation = new(PrepareTestData);

    /// <summary>Like Existing, but on a fresh clone first runs tools/prepare-tests.sh (npm pack + JS references) once.</summary>
    private static string Prepared(string path, string whenMissing)
    {
        if (!Directory.Exists(path) && TestDataPreparation.Value is { } failure)
            whenMissing = $"{whenMissing}; tools/prepare-tests.sh failed: {failure}";
        return Existing(path, whenMissing);
    }

    private static string? PrepareTestData()
    {
        using var script = Process.Start(new ProcessStartInfo("bash", [Path.Combine(RepoRoot, "tools", "prepare-tests.sh")])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEnd();
        script.WaitForExit();
        _ = output.Result;
        return script.ExitCode == 0 ? null : errors.Trim();
    }

    private static string Existing(string path, string whenMissing) =>
        Directory.Exists(path) ? Path.GetFullPath(path) : throw new DirectoryNotFoundException($"{whenMissing} (looked in {path})");
}
