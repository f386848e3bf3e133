namespace FaceAttendance.Tests.Aws;

/// <summary>
/// The AWS configuration of the tests: snapshots in an s3rver bucket, faces searched by a second app instance serving the
/// Rekognition-compatible endpoint over the same bucket (so it resolves the S3Object references it is given).
/// </summary>
internal static class AwsMode
{
    public const string Collection = "kiosk";

    public static Dictionary<string, string> S3Settings(S3Server s3) => new()
    {
        ["FaceAttendance:Storage:Provider"] = "S3",
        ["FaceAttendance:Storage:S3:Bucket"] = S3Server.Bucket,
        ["FaceAttendance:Storage:S3:Prefix"] = "attendance/",
        ["FaceAttendance:Storage:S3:ServiceUrl"] = s3.ServiceUrl.ToString(),
        ["FaceAttendance:Storage:S3:ForcePathStyle"] = "true",
        ["FaceAttendance:Storage:S3:Region"] = "us-east-1",
        ["FaceAttendance:Storage:S3:AccessKeyId"] = S3Server.AccessKeyId,
        ["FaceAttendance:Storage:S3:SecretAccessKey"] = S3Server.SecretAccessKey,
    };

    /// <summary>The kiosk app in full AWS mode: S3 storage and the Rekognition engine pointed at <paramref name="rekognition"/>.</summary>
    /// <param name="collection">the app's Rekognition collection; apps sharing one endpoint need their own.</param>
    public static Dictionary<string, string> KioskAppSettings(
        S3Server s3, RekognitionServer rekognition, string secret = RekognitionServer.SecretAccessKey, string collection = Collection)
    {
        var settings = S3Settings(s3);
        settings["FaceAttendance:Engine:Provider"] = "Rekognition";
        settings["FaceAttendance:Engine:Rekognition:ServiceUrl"] = rekognition.Endpoint.ToString();
        settings["FaceAttendance:Engine:Rekognition:Region"] = RekognitionServer.Region;
        settings["FaceAttendance:Engine:Rekognition:CollectionId"] = collection;
        // with the local engine behind the endpoint, 80 is the engine's own operating threshold
        settings["FaceAttendance:Engine:Rekognition:FaceMatchThreshold"] = "80";
        settings["FaceAttendance:Engine:Rekognition:AccessKeyId"] = RekognitionServer.AccessKeyId;
        settings["FaceAttendance:Engine:Rekognition:SecretAccessKey"] = secret;
        return settings;
    }
}
