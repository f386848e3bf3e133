using System.Diagnostics;
using System.Text.Json;

namespace FaceAttendance.Tests.Aws;

/// <summary>The official AWS SDK for JavaScript v3 (@aws-sdk/client-rekognition) against the running app's endpoint.</summary>
public sealed class JsSdkTests(RekognitionServerFixture fixture) : IClassFixture<RekognitionServerFixture>
{
    private static readonly string ScriptDir = Path.Combine(TestPaths.RepoRoot, "tools", "aws-js-sdk-test");

    [Fact]
    public async Task TheJavaScriptSdkCreatesIndexesSearchesListsAndDeletes()
    {
        await EnsureInstalledAsync();
        var server = fixture.Server;

        var (exitCode, output, errors) = await RunAsync("node", ScriptDir, "round-trip.mjs",
            "--endpoint", server.Endpoint.ToString(), "--region", RekognitionServer.Region,
            "--access-key-id", RekognitionServer.AccessKeyId, "--secret-access-key", RekognitionServer.SecretAccessKey,
            "--collection", "js-sdk-round-trip",
            "--enrol", DevPhotos.Path(DevPhotos.Enrolled, 0), "--other", DevPhotos.Path(DevPhotos.Other, 1),
            "--probe", DevPhotos.Path(DevPhotos.Enrolled, 1));

        exitCode.Should().Be(0, $"the JS SDK round trip must pass; its output:\n{output}\n{errors}");
        using var summary = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        summary.RootElement.GetProperty("bestMatch").GetProperty("externalImageId").GetString().Should().Be("person-1");
        summary.RootElement.GetProperty("bestMatch").GetProperty("similarity").GetDouble().Should().BeInRange(80, 100);
        summary.RootElement.GetProperty("deleted").GetInt32().Should().Be(2);
        summary.RootElement.GetProperty("afterDelete").GetString().Should().Be("ResourceNotFoundException");
        summary.RootElement.GetProperty("requestId").GetString().Should().NotBeNullOrEmpty();
    }

    /// <summary>Installs the locked SDK version on a fresh clone (npm registry), once.</summary>
    private static async Task EnsureInstalledAsync()
    {
        if (Directory.Exists(Path.Combine(ScriptDir, "node_modules", "@aws-sdk", "client-rekognition")))
        {
            return;
        }
        var (exitCode, output, errors) = await RunAsync("npm", ScriptDir, "ci", "--no-audit", "--no-fund");
        exitCode.Should().Be(0, $"`npm ci` in {ScriptDir} must install @aws-sdk/client-rekognition:\n{output}\n{errors}");
    }

    private static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} could not be started; is it installed?");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
