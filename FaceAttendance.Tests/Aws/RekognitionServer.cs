using Amazon.Runtime;
using FaceAttendance.Web.Aws.Rekognition;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Aws;

/// <summary>
/// The real app on a real Kestrel port with its Rekognition-compatible endpoint switched on, a fresh DataDir and one
/// access key the tests sign with. A real port, because the JS SDK and s3rver run in separate processes.
/// <paramref name="settings"/> adds configuration, e.g. to put the app itself in AWS mode.
/// </summary>
public sealed class RekognitionServer(IReadOnlyDictionary<string, string>? settings = null) : WebApplicationFactory<Program>
{
    public const string AccessKeyId = "AKIDFACEATTENDANCETEST";
    public const string SecretAccessKey = "test-secret-key-for-the-local-rekognition-endpoint";
    public const string Region = "eu-west-1";
    public const string Bucket = "faceattendance";

    private readonly string dataDir = Path.Combine(Path.GetTempPath(), $"fa-aws-{Guid.NewGuid():N}");
    private Uri? baseAddress;

    public const string ApiKey = "aws-test-api-key";

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234 (starts it on first use).</summary>
    public Uri BaseAddress
    {
        get
        {
            if (baseAddress is null)
            {
                UseKestrel(0);
                StartServer();
                baseAddress = new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
            }
            return baseAddress;
        }
    }

    /// <summary>The endpoint URL an SDK is pointed at, e.g. http://127.0.0.1:41234/rekognition.</summary>
    public Uri Endpoint => new(BaseAddress, "/rekognition");

    public RekognitionClient CreateClient(string secret = SecretAccessKey, string accessKeyId = AccessKeyId) =>
        new(new RekognitionClientOptions { ServiceUrl = Endpoint, MaxAttempts = 1 },
            new BasicAWSCredentials(accessKeyId, secret), Region, TimeProvider.System);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("FaceAttendance:DataDir", dataDir);
        builder.UseSetting("FaceAttendance:Admin:Password", "aws-test-admin-password");
        builder.UseSetting("FaceAttendance:Admin:ApiKey", ApiKey);
        builder.UseSetting("FaceAttendance:RekognitionEndpoint:Enabled", "true");
        builder.UseSetting("FaceAttendance:RekognitionEndpoint:Region", Region);
        builder.UseSetting("FaceAttendance:RekognitionEndpoint:Bucket", Bucket);
        builder.UseSetting("FaceAttendance:RekognitionEndpoint:AccessKeys:0:AccessKeyId", AccessKeyId);
        builder.UseSetting("FaceAttendance:RekognitionEndpoint:AccessKeys:0:SecretAccessKey", SecretAccessKey);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(dataDir))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }
}
