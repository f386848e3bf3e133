using Amazon.Runtime;
using FaceAttendance.Tests.Web.Browser;
using FaceAttendance.Web.Aws.Rekognition;

namespace FaceAttendance.Tests.Aws;

/// <summary>
/// The live app with its Rekognition-compatible endpoint switched on and one access key the tests sign with.
/// <paramref name="settings"/> adds configuration, e.g. to put the app itself in AWS mode.
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

    /// <summary>The endpoint URL an SDK is pointed at, e.g. http://127.0.0.1:41234/rekognition.</summary>
    public Uri Endpoint => new(BaseAddress, "/rekognition");

    public RekognitionClient CreateClient(string secret = SecretAccessKey, string accessKeyId = AccessKeyId, string region = Region,
        AWSCredentials? credentials = null) =>
        new(new RekognitionClientOptions { ServiceUrl = Endpoint, MaxAttempts = 1 },
            credentials ?? new BasicAWSCredentials(accessKeyId, secret), region, TimeProvider.System);
}
