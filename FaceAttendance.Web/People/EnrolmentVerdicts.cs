using FaceAttendance.Web.Faces;

namespace FaceAttendance.Web.People;

/// <summary>
/// What the admin pages say about an enrolment photo, in a manager's words ("Too blurry — take it again in better
/// light"), with the engine's numbers kept for a details line. The API keeps its codes and technical details.
/// </summary>
public static class EnrolmentVerdicts
{
    public sealed record Verdict(bool Accepted, string Words, string? Numbers);

    private static readonly Dictionary<string, string> QualityWords = new()
    {
        ["too-small"] = "Face too small — take it closer, so the face fills more of the picture.",
        ["too-blurred"] = "Too blurry — take it again in better light, holding the camera still.",
        ["too-dark"] = "Too dark — take it again in better light.",
        ["too-bright"] = "Too bright — take it again without strong light on or behind the face.",
        ["head-turned"] = "Head turned — take it again facing the camera.",
        ["eyes-closed"] = "Eyes closed — take it again with the eyes open.",
    };

    public static Verdict Accepted(FaceQualityReport? quality) => new(true, "Good photo", Numbers(quality));

    public static Verdict Refused(FaceProblem problem) => new(false, problem.Code switch
    {
        FaceProblemCode.NoFace => "No face found — use a photo where the face is clearly visible.",
        FaceProblemCode.MultipleFaces => "Two faces equally in front — use a photo with this person in the middle.",
        FaceProblemCode.PoorQuality => string.Join(" ", problem.Reasons.Select(reason => QualityWords.GetValueOrDefault(reason, "Not clear enough — take it again."))),
        FaceProblemCode.BelongsToOther => "This face is already enrolled for someone else — check that the photo is of this person.",
        FaceProblemCode.Mismatch => "This does not look like the person in their other photos — check it is them, then tick the box below and send it again.",
        FaceProblemCode.NotLive => "This does not look like a live face — take a new photo of the person, not of a picture.",
        FaceProblemCode.ConsentMissing => "Record their consent to the biometric notice first.",
        _ => "This photo cannot be used — try another.",
    }, Numbers(problem.Quality) ?? (problem.Similarity is { } similarity ? $"Similarity {similarity:0.00}" : null));

    /// <summary>A file the upload refused before any face work, by the ProblemDetails code it got.</summary>
    public static Verdict Unusable(string? code, long maxBytes) => new(false, code switch
    {
        "image-too-large" => $"File too large — the limit is {maxBytes / 1024 / 1024} MB.",
        "unsupported-image-type" => "Not a photo — use a JPEG, PNG or WebP file.",
        "empty-image" => "The file is empty.",
        _ => "The file is damaged or not a photo — try another.",
    }, null);

    private static string? Numbers(FaceQualityReport? quality) => quality is null ? null
        : $"Face {quality.FaceWidthPx:0} px wide, turned {Math.Abs(quality.YawDegrees):0}°, brightness {quality.Brightness:0.00}, sharpness {quality.Sharpness:0.00}";
}
