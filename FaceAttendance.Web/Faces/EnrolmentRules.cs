namespace FaceAttendance.Web.Faces;

/// <summary>
/// What every engine checks of an enrolment photo's face, once it has measured how close the face is to the enrolled
/// people (similarities on a 0..1 scale): a face that matches someone else is refused, and so is one that does not match
/// the person's own faces when <see cref="MustMatchOwnFaces"/> (they have faces, and the admin did not confirm it is them).
/// </summary>
public sealed record EnrolmentRules(Guid PersonId, bool MustMatchOwnFaces)
{
    /// <param name="closestOther">the most similar enrolled person other than this one, if any.</param>
    /// <param name="own">the face's similarity to this person's enrolled faces, null when there are none to compare with.</param>
    /// <param name="threshold">the similarity that counts as a match.</param>
    /// <returns>Why the face cannot be enrolled for this person, or null.</returns>
    public FaceProblem? Judge(Vision.PersonScore? closestOther, float? own, float threshold, FaceQualityReport? quality)
    {
        if (closestOther is { } other && other.Similarity >= threshold)
        {
            return new FaceProblem(FaceProblemCode.BelongsToOther,
                $"This face already belongs to another enrolled person (similarity {other.Similarity:0.000}).", [],
                quality, other.PersonId, other.Similarity);
        }
        if (MustMatchOwnFaces && own is { } similarity && similarity < threshold)
        {
            return new FaceProblem(FaceProblemCode.Mismatch,
                $"This face does not match the person's other enrolled photos (similarity {similarity:0.000}, needs {threshold:0.000}). " +
                "If it really is them, enrol it again with force=true.", [], quality, Similarity: similarity);
        }
        return null;
    }
}
