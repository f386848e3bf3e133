namespace FaceAttendance.Vision;

/// <summary>A point in image pixels (origin top-left).</summary>
public readonly record struct PointF(float X, float Y);

/// <summary>Axis-aligned face box in image pixels.</summary>
public sealed record FaceBox(float X, float Y, float Width, float Height)
{
    public float Area => Width * Height;
}

/// <summary>
/// Five points taken from the face mesh. Left and right are the subject's own: in an unmirrored photo of a
/// person facing the camera, <see cref="LeftEye"/> and <see cref="MouthLeft"/> are on the image's right side.
/// Eye points are the centres of the eye contours.
/// </summary>
public sealed record FaceLandmarks(PointF LeftEye, PointF RightEye, PointF NoseTip, PointF MouthLeft, PointF MouthRight);

/// <summary>
/// A face found by <see cref="FaceEngine.Detect"/>. <paramref name="Score"/> is the face-mesh confidence;
/// <paramref name="Mesh"/> holds 468 points as x, y, z triples in image pixels (z relative, as the mesh model gives it).
/// </summary>
public sealed record DetectedFace(FaceBox Box, float Score, FaceLandmarks Landmarks, float[] Mesh)
{
    /// <summary>
    /// The detector's square box (enlarged, unclamped) that Human cut for the mesh and also feeds to its antispoof and
    /// liveness models; <see cref="Box"/> is that square re-centred on the mesh and clamped.
    /// </summary>
    internal FaceBox DetectorBox { get; init; } = Box;
}
