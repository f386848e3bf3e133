using System.Diagnostics;
using System.Text.Json;

namespace FaceAttendance.Tests.Aws;

/// <summary>s3rver (npm) on 127.0.0.1 with one bucket and a fresh directory, for as long as a test class needs it.</summary>
public sealed class S3Server : IAsyncLifetime
{
    public const string Bucket = "faceattendance";
    // s3rver's built-in account; it checks expiry of pre-signed URLs but not SigV4 signatures themselves
    public const string AccessKeyId = "S3RVER";
    public const string SecretAccessKey = "S3RVER";

    private readonly string directory = Path.Combine(Path.GetTempPath(), $"fa-s3rver-{Guid.NewGuid():N}");
    private Process? process;

    public Uri ServiceUrl { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await AwsTools.EnsureInstalledAsync();
        Directory.CreateDirectory(directory);
        process = Process.Start(new ProcessStartInfo("node", ["s3-server.mjs", "--directory", directory, "--bucket", Bucket])
        {
            WorkingDirectory = AwsTools.Directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("node could not be started; is it installed?");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException($"s3rver did not start: {await process.StandardError.ReadToEndAsync()}");
        var port = JsonDocument.Parse(line).RootElement.GetProperty("port").GetInt32();
        ServiceUrl = new Uri($"http://127.0.0.1:{port}");
    }

    public async Task DisposeAsync()
    {
        if (process is not null)
        {
            process.StandardInput.Close(); // the script stops the server when its input ends
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill();
            }
            await process.WaitForExitAsync();
            process.Dispose();
        }
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
