using FaceAttendance.Vision;
using FaceAttendance.Web.Aws.Rekognition;

namespace FaceAttendance.Web.Aws.Endpoint;

/// <summary>The engine's view of a face in Rekognition's terms: boxes and points as ratios of the image size, scores in percent.</summary>
public static class FaceDetails
{
    public static BoundingBox Box(FaceImage image, DetectedFace face) =>
        new(face.Box.Width / image.Width, face.Box.Height / image.Height, face.Box.X / image.Width, face.Box.Y / image.Height);

    public static float Confidence(DetectedFace face) => Math.Clamp(face.Score * 100, 0, 100);

    /// <summary>The default attribute set (box, confidence, five landmarks, pose, quality); left and right are the subject's own.</summary>
    public static FaceDetail Describe(FaceImage image, DetectedFace face, FaceQuality quality) => new(
        Box(image, face),
        Confidence(face),
        [
            Point("eyeLeft", image, face.Landmarks.LeftEye),
            Point("eyeRight", image, face.Landmarks.RightEye),
            Point("nose", image, face.Landmarks.NoseTip),
            Point("mouthLeft", image, face.Landmarks.MouthLeft),
            Point("mouthRight", image, face.Landmarks.MouthRight),
        ],
        new Pose(quality.RollDegrees, quality.YawDegrees, quality.PitchDegrees),
        // brightness is mean luminance 0..1; sharpness is the engine's Laplacian ratio, scaled so its blur threshold is 5
        new ImageQuality(quality.Brightness * 100, Math.Min(100, quality.Sharpness * 100)));

    /// <summary>Rekognition's reasons for leaving a face out, from the engine's quality issues.</summary>
    public static IReadOnlyList<string> Reasons(FaceQuality quality) =>
        [.. quality.Issues.Select(issue => issue switch
        {
            QualityIssue.TooSmall => "SMALL_BOUNDING_BOX",
            QualityIssue.TooBlurred => "LOW_SHARPNESS",
            QualityIssue.TooDark => "LOW_BRIGHTNESS",
            QualityIssue.HeadTurned => "EXTREME_POSE",
            _ => "LOW_FACE_QUALITY",
        }).Distinct()];

    private static Landmark Point(string type, FaceImage image, PointF point) => new(type, point.X / image.Width, point.Y / image.Height);
}
