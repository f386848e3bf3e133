using FaceAttendance.Vision;
using FaceAttendance.Web.Aws.Rekognition;

namespace FaceAttendance.Web.Aws.Endpoint;

/// <summary>The engine's view of a face in Rekognition's terms: boxes and points as ratios of the image size, scores in percent.</summary>
public static class FaceDetails
{
    public static BoundingBox Box(FaceImage image, DetectedFace face) =>
        new(face.Box.Width / image.Width, face.Box.Height / image.Height, face.Box.X / image.Width, face.Box.Y / image.Height);

    public static float Confidence(DetectedFace face) => Math.Clamp(face.Score * 100, 0, 100);

    /// <summary>
    /// The default attribute set (box, confidence, five landmarks, pose, quality). Rekognition's left and right are the
    /// viewer's: its API reference defines no side (X is "measured from the left-side of the image"), but AWS's own
    /// DetectFaces example (example id to-detect-faces-in-an-image-1481841782793, in the service's published examples and
    /// the SDKs' DetectFaces documentation) and its real outputs put eyeLeft at a smaller X than eyeRight on a frontal
    /// face. So eyeLeft is the subject's right eye, and mouthLeft the subject's right mouth corner.
    /// </summary>
    public static FaceDetail Describe(FaceImage image, DetectedFace face, FaceQuality quality) => new(
        Box(image, face),
        Confidence(face),
        [
            Point("eyeLeft", image, face.Landmarks.RightEye),
            Point("eyeRight", image, face.Landmarks.LeftEye),
            Point("nose", image, face.Landmarks.NoseTip),
            Point("mouthLeft", image, face.Landmarks.MouthRight),
            Point("mouthRight", image, face.Landmarks.MouthLeft),
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
