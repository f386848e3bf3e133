namespace FaceAttendance.Vision;

/// <summary>Why a face is not good enough to enrol or identify from.</summary>
public enum QualityIssue { TooSmall, TooBlurred, TooDark, TooBright, HeadTurned, EyesClosed }

/// <summary>
/// The measurements behind a quality verdict: face box width in image pixels, sharpness (variance of the Laplacian
/// over the grey variance of the aligned chip's face region), brightness (mean luminance 0..1 of that region) and
/// head pose in degrees as Human computes it.
/// </summary>
public sealed record FaceQuality(bool IsAcceptable, IReadOnlyList<QualityIssue> Issues, float FaceWidthPx, float Sharpness,
                                 float Brightness, float YawDegrees, float PitchDegrees, float RollDegrees);
