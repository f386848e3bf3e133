using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Health;

namespace FaceAttendance.Tests.Web;

/// <summary>
/// No Docker engine runs here, so the Dockerfile is read as Docker would read it and its parts are checked against
/// the repo: a linux-x64 framework-dependent publish, the port it exposes is the one the app listens on, a non-root
/// user, a HEALTHCHECK whose command really probes a running app, and a .dockerignore that keeps data and builds out.
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly string RepoRoot = TestPaths.RepoRoot;

    /// <summary>The instructions of the last stage and of every stage, continuation lines joined, comments dropped.</summary>
    private static (List<(string Op, string Args)> All, List<(string Op, string Args)> Final) Instructions()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot, "Dockerfile"));
        var lines = Regex.Replace(text, @"\\\r?\n\s*", " ").Split('\n')
            .Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => (Op: line.Split(' ', 2)[0].ToUpperInvariant(), Args: line.Split(' ', 2).ElementAtOrDefault(1)?.Trim() ?? ""))
            .ToList();
        var lastFrom = lines.FindLastIndex(i => i.Op == "FROM");
        return (lines, lines[lastFrom..]);
    }

    [Fact]
    public void TheImageIsALinuxX64FrameworkDependentPublishOnTheAspNetRuntimeRunAsNonRoot()
    {
        var (all, final) = Instructions();

        var restore = all.Single(i => i.Op == "RUN" && i.Args.StartsWith("dotnet restore", StringComparison.Ordinal)).Args;
        var publish = all.Single(i => i.Op == "RUN" && i.Args.StartsWith("dotnet publish", StringComparison.Ordinal)).Args;
        publish.Should().Contain("FaceAttendance.Web/FaceAttendance.Web.csproj").And.Contain("-c Release")
            .And.Contain("-r linux-x64").And.Contain("--self-contained false").And.Contain("-o /app");
        restore.Should().Contain("-r linux-x64", "a --no-restore publish for a runtime needs assets restored for it");
        final[0].Args.Should().StartWith("mcr.microsoft.com/dotnet/aspnet:10.0", "framework-dependent: the runtime comes with the image");
        final.Should().Contain(("USER", "$APP_UID"), "the app never runs as root");
        final.Should().ContainSingle(i => i.Op == "COPY" && i.Args.Contains("--from=build /app"));
        Entrypoint(final).Should().Equal("dotnet", "FaceAttendance.Web.dll");
        File.Exists(Path.Combine(AppContext.BaseDirectory, "FaceAttendance.Web.dll")).Should().BeTrue("the entrypoint names the web project's assembly");
        // every file the build copies exists, so the build cannot fail on a path that moved
        foreach (var copy in all.Where(i => i.Op == "COPY" && !i.Args.StartsWith("--from", StringComparison.Ordinal)))
        {
            var sources = copy.Args.Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1];
            sources.Should().OnlyContain(source => Path.Exists(Path.Combine(RepoRoot, source)), copy.Args);
        }
    }

    [Fact]
    public void TheExposedPortIsTheOneTheAppListensOnAndDataIsAVolume()
    {
        var (_, final) = Instructions();

        var env = string.Join(' ', final.Where(i => i.Op == "ENV").Select(i => i.Args));
        var port = EnvValue().Match(env) is { Success: true } match ? match.Groups[1].Value : null;
        port.Should().NotBeNull("ASPNETCORE_HTTP_PORTS sets the app's port");
        final.Should().Contain(("EXPOSE", port!));
        env.Should().Contain("FaceAttendance__DataDir=/data");
        final.Should().Contain(("VOLUME", "/data"));
    }

    [Fact]
    public async Task TheHealthcheckCommandProbesARunningAppAndFailsInOneLineWhenItIsGone()
    {
        var (_, final) = Instructions();
        var healthcheck = final.Single(i => i.Op == "HEALTHCHECK").Args;
        healthcheck.Should().MatchRegex(@"--interval=\d+s").And.MatchRegex(@"--start-period=\d+s");
        var command = JsonSerializer.Deserialize<string[]>(healthcheck[(healthcheck.IndexOf("CMD [", StringComparison.Ordinal) + 4)..])!;
        command.Should().Equal([.. Entrypoint(final), HealthProbe.Flag], "the image has no curl: the app probes itself");

        var dataDir = Path.Combine(Path.GetTempPath(), $"fa-docker-{Guid.NewGuid():N}");
        await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
        {
            ["FaceAttendance:DataDir"] = dataDir,
            ["FaceAttendance:Admin:ApiKey"] = "dockerfile-tests-key",
            ["FaceAttendance:Admin:Password"] = "dockerfile-tests-password",
        });
        var (healthy, _) = await RunAsync(command, app.BaseAddress.Port);
        await app.DisposeAsync();
        var (gone, why) = await RunAsync(command, app.BaseAddress.Port);
        Directory.Delete(dataDir, recursive: true);

        healthy.Should().Be(0);
        gone.Should().Be(1);
        why.Trim().Should().StartWith($"FaceAttendance did not answer at http://127.0.0.1:{app.BaseAddress.Port}/healthz").And.NotContain("\n");
    }

    [Theory]
    [InlineData(null, null, "http://127.0.0.1:8080")]
    [InlineData(null, "8081;8082", "http://127.0.0.1:8081")]
    [InlineData("http://+:5000", "8081", "http://127.0.0.1:5000")]
    [InlineData("http://0.0.0.0:5000/;https://*:5001", null, "http://127.0.0.1:5000")]
    [InlineData("https://kiosk.example.com:7443", null, "https://kiosk.example.com:7443")]
    public void TheProbeFindsThePortAsKestrelDoes(string? urls, string? httpPorts, string expected) =>
        HealthProbe.LocalUrl(httpPorts, urls).Should().Be(expected);

    [Fact]
    public void TheBuildContextLeavesOutDataBuildOutputsAndPackages()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepoRoot, ".dockerignore")).Select(line => line.Trim()).ToList();

        ignored.Should().Contain(["**/data/", "**/bin/", "**/obj/", "**/artifacts/", "**/node_modules/", ".git/"]);
    }

    private static string[] Entrypoint(List<(string Op, string Args)> stage) =>
        JsonSerializer.Deserialize<string[]>(stage.Single(i => i.Op == "ENTRYPOINT").Args)!;

    /// <summary>Runs the command in the build output (the image's /app), with the port in the environment as the image sets it.</summary>
    private static async Task<(int ExitCode, string Error)> RunAsync(string[] command, int port)
    {
        var start = new ProcessStartInfo(command[0], command[1..])
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment.Remove("ASPNETCORE_URLS");
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await error);
    }

    [GeneratedRegex(@"ASPNETCORE_HTTP_PORTS=(\d+)")]
    private static partial Regex EnvValue();
}
