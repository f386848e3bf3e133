namespace FaceAttendance.Vision;

/// <summary>
/// Decides whether a detected face is good enough to enrol or identify from. Each threshold sits just outside the
/// range of the 1,448 real photos of ../shared/faces/dev (so they pass; one has its eyes shut and fails) and well
/// inside the range of synthetic bad versions of them: shrunk 3x onto a grey canvas, Gaussian-blurred (sigma 4, 5, 6),
/// darkened to 12 %. Measured ranges are in the comments (dev = real photos).
/// </summary>
internal static class FaceQualityAssessor
{
    // face box width (Human's enlarged square): dev min 82 px, shrunk photos max 69 px
    public const float MinFaceWidthPx = 80;

    // Laplacian variance / grey variance of the 112x112 chip's central square: dev min 0.0106 (1st percentile 0.023);
    // Gaussian blur sigma 4: max 0.0098 (every one refused), sigma 5 and 6: all but 2 and 5 of 1,448 refused
    public const float MinSharpness = 0.010f;

    // mean luminance 0..1 of the chip's central square: dev 0.26..0.80, darkened to 12 %: max 0.10
    public const float MinBrightness = 0.15f;
    public const float MaxBrightness = 0.85f;

    // Human's head angles: dev max |yaw| 36.8, |pitch| 26.3, |roll| 21.1 degrees
    public const float MaxYawDegrees = 45;
    public const float MaxPitchDegrees = 35;
    public const float MaxRollDegrees = 30;

    // mean eye aspect ratio: dev median 0.26, lowest 0.056 (eyes shut) then 0.085
    public const float MinEyeAspectRatio = 0.08f;

    /// <summary>Judges <paramref name="face"/> from its mesh and the aligned chip cut for it.</summary>
    public static FaceQuality Assess(DetectedFace face, ReadOnlySpan<float> chip)
    {
        var (brightness, sharpness) = ChipStatistics.Measure(chip);
        var (pitch, yaw, roll) = HeadPose.Radians(face.Mesh, face.Box);
        var (pitchDegrees, yawDegrees, rollDegrees) = ((float)(pitch * 180 / Math.PI), (float)(yaw * 180 / Math.PI), (float)(roll * 180 / Math.PI));

        var issues = new List<QualityIssue>();
        if (face.Box.Width < MinFaceWidthPx)
        {
            issues.Add(QualityIssue.TooSmall);
        }
        if (sharpness < MinSharpness)
        {
            issues.Add(QualityIssue.TooBlurred);
        }
        if (brightness < MinBrightness)
        {
            issues.Add(QualityIssue.TooDark);
        }
        if (brightness > MaxBrightness)
        {
            issues.Add(QualityIssue.TooBright);
        }
        if (Math.Abs(yawDegrees) > MaxYawDegrees || Math.Abs(pitchDegrees) > MaxPitchDegrees || Math.Abs(rollDegrees) > MaxRollDegrees)
        {
            issues.Add(QualityIssue.HeadTurned);
        }
        if (EyeOpenness.AspectRatio(face.Mesh) < MinEyeAspectRatio)
        {
            issues.Add(QualityIssue.EyesClosed);
        }
        return new FaceQuality(issues.Count == 0, issues, face.Box.Width, sharpness, brightness, yawDegrees, pitchDegrees, rollDegrees);
    }
}
