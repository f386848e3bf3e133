using Amazon.Extensions.NETCore.Setup;
using Amazon.Runtime;

namespace FaceAttendance.Web.Aws;

internal static class AwsCredentials
{
    /// <summary>
    /// Keys configured for one service (an S3-compatible server or a Rekognition-compatible endpoint has its own),
    /// otherwise the AWS SDK's standard chain as the <c>AWS</c> section sets it up (profile, environment, instance role).
    /// </summary>
    public static AWSCredentials Resolve(string? accessKeyId, string? secretAccessKey, AWSOptions aws) =>
        !string.IsNullOrEmpty(accessKeyId) && !string.IsNullOrEmpty(secretAccessKey)
            ? new BasicAWSCredentials(accessKeyId, secretAccessKey)
            : aws.GetCredentials();
}
