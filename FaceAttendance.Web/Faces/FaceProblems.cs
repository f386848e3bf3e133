using FaceAttendance.Web.Http;

namespace FaceAttendance.Web.Faces;

internal static class FaceProblems
{
    /// <summary>A 422 refusal whose <c>code</c> is no-face, multiple-faces, poor-quality, face-belongs-to-other,
    /// face-mismatch, not-live, head-not-turned or consent-missing.</summary>
    public static Refusal ToRefusal(this FaceProblem problem)
    {
        var extensions = new Dictionary<string, object?>();
        if (problem.Reasons.Count > 0)
        {
            extensions["reasons"] = problem.Reasons;
        }
        if (problem.Quality is not null)
        {
            extensions["quality"] = problem.Quality;
        }
        if (problem.OtherPersonId is not null)
        {
            extensions["otherPersonId"] = problem.OtherPersonId;
        }
        if (problem.Similarity is not null)
        {
            extensions["similarity"] = problem.Similarity;
        }
        if (problem.Liveness is not null)
        {
            extensions["liveness"] = problem.Liveness;
        }
        if (problem.Turn is not null)
        {
            extensions["turn"] = problem.Turn;
        }
        return new Refusal(StatusCodes.Status422UnprocessableEntity, Code(problem.Code), problem.Detail, extensions);
    }

    public static string Code(FaceProblemCode code) => code switch
    {
        FaceProblemCode.NoFace => "no-face",
        FaceProblemCode.MultipleFaces => "multiple-faces",
        FaceProblemCode.PoorQuality => "poor-quality",
        FaceProblemCode.BelongsToOther => "face-belongs-to-other",
        FaceProblemCode.Mismatch => "face-mismatch",
        FaceProblemCode.NotLive => "not-live",
        FaceProblemCode.HeadNotTurned => "head-not-turned",
        FaceProblemCode.ConsentMissing => "consent-missing",
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
    };
}
