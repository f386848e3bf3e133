using Microsoft.AspNetCore.Hosting.Server;

namespace FaceAttendance.Web.Lambda;

/// <summary>Hosting in AWS Lambda, chosen by the variable Lambda sets for every function: the same app and binary,
/// with <see cref="LambdaServer"/> in place of Kestrel, JSON logs carrying the request id, and EMF metric lines.</summary>
internal static class LambdaSetup
{
    public const string RuntimeApiVariable = "AWS_LAMBDA_RUNTIME_API";

    /// <summary>Lambda's request payload limit is 6 MB; a multipart image arrives base64-encoded (4/3 larger) inside
    /// the event, so the largest upload Lambda mode accepts is 4 MB.</summary>
    public const long MaxUploadBytes = 4 * 1024 * 1024;

    public static bool IsInLambda(IConfiguration configuration) => configuration[RuntimeApiVariable] is { Length: > 0 };

    public static void AddLambdaHostingWhenInLambda(this WebApplicationBuilder builder)
    {
        if (builder.Configuration[RuntimeApiVariable] is not { Length: > 0 } runtimeApi)
        {
            return;
        }
        builder.Services.AddSingleton(new LambdaRuntime(runtimeApi));
        builder.Services.AddSingleton<S3EventRecorder>();
        builder.Services.AddSingleton<IServer, LambdaServer>();
        builder.Services.AddSingleton(_ => new EmfMetrics(Console.Out));
        // CloudWatch Logs keeps stdout; JSON lines carry each invocation's AwsRequestId scope
        builder.Configuration.AddInMemoryCollection([new("Logging:Console:FormatterName", "json")]);
    }

    /// <summary>Starts the EMF listener before the first invocation.</summary>
    public static void StartLambdaMetricsWhenInLambda(this WebApplication app)
    {
        if (IsInLambda(app.Configuration))
        {
            app.Services.GetRequiredService<EmfMetrics>();
        }
    }
}
