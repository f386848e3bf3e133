using System.ComponentModel.DataAnnotations;

namespace FaceAttendance.Web.Faces;

/// <summary>The top-level <c>FaceAttendance:MatchThreshold</c> key.</summary>
public sealed class RecognitionOptions
{
    public const string Section = "FaceAttendance";

    /// <summary>Cosine similarity a face must reach to count as a match; unset means the engine's built-in threshold.</summary>
    [Range(0.0, 1.0)]
    public float? MatchThreshold { get; set; }
}
