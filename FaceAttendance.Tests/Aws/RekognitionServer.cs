using System.Collections.Concurrent;
using Amazon.Runtime;
using FaceAttendance.Tests.Web.Browser;
using FaceAttendance.Web.Aws.Endpoint;
using FaceAttendance.Web.Aws.Rekognition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Aws;

/// <summary>
/// The live app with its Rekognition-compatible endpoint switched on and one access key the tests sign with.
/// <paramref name="settings"/> adds configuration, e.g. to put the app itself in AWS mode. Every answer of the endpoint
/// is recorded in <see cref="Exchanges"/>, whoever the client, for <see cref="RekognitionServiceModel"/> to check.
/// </summary>
public sealed class RekognitionServer(IReadOnlyDictionary<string, string>? settings = null)
    : LiveAppServer(EndpointSettings.Concat(settings ?? new Dictionary<string, string>()))
{
    public const string AccessKeyId = "AKIDFACEATTENDANCETEST";
    public const string SecretAccessKey = "test-secret-key-for-the-local-rekognition-endpoint";
    public const string Region = "eu-west-1";
    public const string Bucket = "faceattendance";

    private static readonly Dictionary<string, string> EndpointSettings = new()
    {
        ["FaceAttendance:RekognitionEndpoint:Enabled"] = "true",
        ["FaceAttendance:RekognitionEndpoint:Region"] = Region,
        ["FaceAttendance:RekognitionEndpoint:Bucket"] = Bucket,
        ["FaceAttendance:RekognitionEndpoint:AccessKeys:0:AccessKeyId"] = AccessKeyId,
        ["FaceAttendance:RekognitionEndpoint:AccessKeys:0:SecretAccessKey"] = SecretAccessKey,
    };

    /// <summary>One answer of the endpoint: the operation (X-Amz-Target without its prefix), HTTP status and JSON body.</summary>
    public sealed record Exchange(string Operation, int Status, string Body);

    public ConcurrentQueue<Exchange> Exchanges { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter>(new RecordingFilter(Exchanges)));
    }

    /// <summary>Tees the endpoint's response bodies into the queue, ahead of the app's own middleware.</summary>
    private sealed class RecordingFilter(ConcurrentQueue<Exchange> exchanges) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, call) =>
            {
                if (!context.Request.Path.StartsWithSegments(RekognitionEndpointOptions.Path))
                {
                    await call(context);
                    return;
                }
                var original = context.Response.Body;
                using var copy = new MemoryStream();
                context.Response.Body = copy;
                try
                {
                    await call(context);
                }
                finally
                {
                    context.Response.Body = original;
                }
                copy.Position = 0;
                await copy.CopyToAsync(original);
                var target = context.Request.Headers["X-Amz-Target"].ToString();
                exchanges.Enqueue(new Exchange(target[(target.IndexOf('.') + 1)..], context.Response.StatusCode,
                    System.Text.Encoding.UTF8.GetString(copy.ToArray())));
            });
            next(app);
        };
    }

    /// <summary>The endpoint URL an SDK is pointed at, e.g. http://127.0.0.1:41234/rekognition.</summary>
    public Uri Endpoint => new(BaseAddress, "/rekognition");

    public RekognitionClient CreateClient(string secret = SecretAccessKey, string accessKeyId = AccessKeyId, string region = Region,
        AWSCredentials? credentials = null) =>
        new(new RekognitionClientOptions { ServiceUrl = Endpoint, MaxAttempts = 1 },
            credentials ?? new BasicAWSCredentials(accessKeyId, secret), region, TimeProvider.System);
}
