namespace FaceAttendance.Web.Aws.Rekognition;

/// <summary>Where and how the Rekognition client talks. Credentials come from the AWS SDK's chain (AWS config section, env, profile, role).</summary>
public sealed class RekognitionClientOptions
{
    /// <summary>Endpoint override, e.g. this app's own <c>http://host:port/rekognition</c>; default <c>https://rekognition.{region}.amazonaws.com/</c>.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Tries per call, first one included, for throttling, 5xx and network failures.</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>First back-off step; each retry waits a random time up to twice the previous ceiling ("full jitter").</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    public Uri EndpointFor(string region) => ServiceUrl ?? new Uri($"https://rekognition.{region}.amazonaws.com/");
}
