using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Hosting.Lambda;

/// <summary>Hosting in AWS Lambda, chosen by the variable Lambda sets for every function: the same app and binary,
/// with <see cref="LambdaServer"/> in place of Kestrel, JSON logs carrying the request id, EMF metric lines, and
/// Lambda's limits checked with the app's options at start. Outside Lambda it adds nothing.</summary>
internal static class LambdaSetup
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>Lambda's request payload limit is 6 MB; a multipart image arrives base64-encoded (4/3 larger) inside
    /// the event, so the largest upload Lambda mode accepts is 4 MB.</summary>
    public const long MaxUploadBytes = 4 * 1024 * 1024;

    public static void AddLambdaHosting(this WebApplicationBuilder builder)
    {
        if (builder.Configuration[RuntimeApiVariable] is not { Length: > 0 } runtimeApi)
        {
            return;
        }
        builder.Services.AddSingleton(new LambdaRuntime(runtimeApi));
        builder.Services.AddSingleton<S3EventRecorder>();
        builder.Services.AddSingleton<IServer, LambdaServer>();
        // hosted services start before the server, so the listener hears the first invocation's scan
        builder.Services.AddHostedService(_ => new EmfMetrics(Console.Out));
        // the general default (10 MB, left out of appsettings.json for this) does not fit an event: unset, the limit is
        // what fits; only a value someone set too high stops the start (LambdaOptionsValidator)
        builder.Services.AddOptions<UploadOptions>().PostConfigure<IConfiguration>((uploads, configuration) =>
        {
            if (string.IsNullOrEmpty(configuration.GetSection(UploadOptions.Section)[nameof(UploadOptions.MaxBytes)]))
            {
                uploads.MaxBytes = Math.Min(uploads.MaxBytes, MaxUploadBytes);
            }
        });
        builder.Services.AddSingleton<IValidateOptions<UploadOptions>, LambdaOptionsValidator>();
        // CloudWatch Logs keeps stdout; JSON lines carry each invocation's AwsRequestId scope
        builder.Configuration.AddInMemoryCollection([new("Logging:Console:FormatterName", "json")]);
    }

    /// <summary>
    /// In Lambda, fails the init phase with the reason the app could not start; elsewhere does nothing. Program's catch
    /// calls it because only that catch sees every failed start: settings and SSM parameters fail before
    /// <see cref="AddLambdaHosting"/> has run, the data dir and migrations outside the host's start, where no service hears.
    /// </summary>
    public static async Task ReportStartFailureAsync(string reason)
    {
        if (Environment.GetEnvironmentVariable(RuntimeApiVariable) is not { Length: > 0 } api)
        {
            return;
        }
        using var runtime = new LambdaRuntime(api);
        try
        {
            await runtime.ReportInitErrorAsync(new InvalidOperationException(reason), CancellationToken.None);
        }
        catch (HttpRequestException)
        {
            // the one-line reason on stderr still reaches the function's log
        }
    }
}

/// <summary>What Lambda's limits allow of the app's options.</summary>
internal sealed class LambdaOptionsValidator : IValidateOptions<UploadOptions>
{
    public ValidateOptionsResult Validate(string? name, UploadOptions options) => options.MaxBytes > LambdaSetup.MaxUploadBytes
        ? ValidateOptionsResult.Fail($"FaceAttendance:Uploads:MaxBytes is {options.MaxBytes} bytes, but in AWS Lambda an upload arrives base64-encoded " +
            $"inside a 6 MB event: set it to at most {LambdaSetup.MaxUploadBytes} (kiosk snapshots go to S3 directly and are far smaller).")
        : ValidateOptionsResult.Success;
}
