namespace FaceAttendance.Web.Aws.Endpoint;

/// <summary>
/// Maps the engine's cosine similarity onto Rekognition's 0-100 similarity so that Rekognition's default
/// FaceMatchThreshold (80) means the engine's own operating threshold: linear from 0 to the threshold (0..80),
/// then linear from the threshold to 1 (80..100). Negative cosines are 0.
/// </summary>
public static class SimilarityScale
{
    public const float DefaultThresholdPercent = 80;

    public static float ToPercent(float cosine, float engineThreshold) => cosine switch
    {
        <= 0 => 0,
        _ when cosine < engineThreshold => DefaultThresholdPercent * cosine / engineThreshold,
        _ => Math.Min(100, DefaultThresholdPercent + (100 - DefaultThresholdPercent) * (cosine - engineThreshold) / (1 - engineThreshold)),
    };

    public static float ToCosine(float percent, float engineThreshold) => percent switch
    {
        <= 0 => -1, // every face, as a 0 threshold asks
        < DefaultThresholdPercent => engineThreshold * percent / DefaultThresholdPercent,
        _ => engineThreshold + (1 - engineThreshold) * (percent - DefaultThresholdPercent) / (100 - DefaultThresholdPercent),
    };
}
