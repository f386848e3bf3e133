using System.Diagnostics;
using System.Text.Json;

namespace FaceAttendance.Tests.Aws;

/// <summary>
/// Debian's AWS CLI (/usr/bin/aws, from `apt-get install awscli`, installed by tools/prepare-tests.sh), a botocore
/// client, pointed at a <see cref="RekognitionServer"/> with its access key. Never a pip or pyenv copy on the PATH.
/// </summary>
public static class AwsCli
{
    private const string Program = "/usr/bin/aws";

    /// <summary>Runs `aws rekognition ARGS`, which must succeed; returns its JSON output.</summary>
    public static async Task<JsonElement> RunAsync(RekognitionServer server, params string[] arguments)
    {
        var (exitCode, output, errors) = await ExecuteAsync(server, null, arguments);
        exitCode.Should().Be(0, $"aws rekognition {string.Join(' ', arguments)} failed: {errors}");
        return JsonDocument.Parse(output.Trim().Length == 0 ? "{}" : output).RootElement.Clone();
    }

    /// <summary>Runs `aws rekognition ARGS`, which must fail with a service error; returns the error code botocore read.</summary>
    public static Task<string> FailAsync(RekognitionServer server, string operation, params string[] arguments) =>
        RunFailingAsync(server, null, [operation, .. arguments]);

    /// <summary>As <see cref="FailAsync(RekognitionServer, string, string[])"/>, signing with a session token as temporary credentials do.</summary>
    public static Task<string> FailWithSessionTokenAsync(RekognitionServer server, string sessionToken, string operation, params string[] arguments) =>
        RunFailingAsync(server, sessionToken, [operation, .. arguments]);

    private static async Task<string> RunFailingAsync(RekognitionServer server, string? sessionToken, string[] arguments)
    {
        var operation = arguments[0];
        var (exitCode, _, errors) = await ExecuteAsync(server, sessionToken, arguments);
        exitCode.Should().NotBe(0);
        // botocore prints "An error occurred (Code) when calling the Operation operation: Message"
        var match = System.Text.RegularExpressions.Regex.Match(errors, @"An error occurred \((\w+)\)");
        match.Success.Should().BeTrue($"aws rekognition {operation} should fail with a service error, but printed: {errors}");
        return match.Groups[1].Value;
    }

    private static async Task<(int ExitCode, string Output, string Errors)> ExecuteAsync(RekognitionServer server, string? sessionToken, string[] arguments)
    {
        if (!File.Exists(Program))
        {
            throw new FileNotFoundException($"Debian's AWS CLI is missing at {Program}: apt-get install -y awscli (tools/prepare-tests.sh does it)");
        }
        var start = new ProcessStartInfo(Program, ["rekognition", .. arguments, "--endpoint-url", server.Endpoint.ToString(),
            "--region", "eu-central-1", "--output", "json", "--cli-read-timeout", "60"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AWS_ACCESS_KEY_ID"] = RekognitionServer.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = RekognitionServer.SecretAccessKey;
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_PAGER"] = "";
        if (sessionToken is not null)
        {
            start.Environment["AWS_SESSION_TOKEN"] = sessionToken;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }
}
