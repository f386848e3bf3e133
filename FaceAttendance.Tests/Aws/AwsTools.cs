using System.Diagnostics;

namespace FaceAttendance.Tests.Aws;

/// <summary>tools/aws-js-sdk-test: the npm tools of the AWS tests (@aws-sdk/client-rekognition, s3rver), installed once from its lock file.</summary>
public static class AwsTools
{
    public static readonly string Directory = Path.Combine(TestPaths.RepoRoot, "tools", "aws-js-sdk-test");

    private static readonly SemaphoreSlim Installing = new(1, 1);

    public static async Task EnsureInstalledAsync()
    {
        await Installing.WaitAsync();
        try
        {
            if (System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "s3rver"))
                && System.IO.Directory.Exists(Path.Combine(Directory, "node_modules", "@aws-sdk", "client-rekognition")))
            {
                return;
            }
            var (exitCode, output, errors) = await RunAsync("npm", "ci", "--no-audit", "--no-fund");
            if (exitCode != 0)
            {
                throw new InvalidOperationException($"`npm ci` in {Directory} failed ({exitCode}):\n{output}\n{errors}");
            }
        }
        finally
        {
            Installing.Release();
        }
    }

    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = Directory,
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
