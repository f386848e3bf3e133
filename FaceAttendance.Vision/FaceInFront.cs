namespace FaceAttendance.Vision;

/// <summary>
/// Which detected face a photo is of, the same rule for a kiosk scan and an enrolment photo: the person stands in the
/// oval, so among the faces large enough to be in front, the one nearest the frame's centre; two faces refused only when
/// neither is clearly more in front than the other. Figures in docs/recognition.md, "The face in front".
/// </summary>
public static class FaceInFront
{
    /// <summary>
    /// A face narrower than this share of the widest is far behind, however central. On ../shared/faces/dev (`front`) the
    /// labelled person's face is at least 0.86 of the widest in each of the 186 photos with 2+ faces; 0.5 leaves room for a
    /// person standing a little back from the kiosk while a taller bystander leans in.
    /// </summary>
    public const float MinWidthShare = 0.5f;

    /// <summary>Two candidates are equally plausible when both their widths are within this share of each other…</summary>
    public const float SimilarWidthShare = 0.8f;

    /// <summary>…and their distances from the centre differ by less than this many face widths (of the wider face). On dev,
    /// where the labelled person is centred, a similar-width second face is never less than 0.24 face widths further out
    /// than the face in front, and the face in front was the labelled person every time (0.5 refused 15 of them for
    /// nothing); two people equally beside the oval differ by almost nothing.</summary>
    public const float SimilarDistanceFaceWidths = 0.2f;

    /// <summary>
    /// Picks the face in front, or names an equally plausible rival (the photo is then two people, not one). Nearest the
    /// centre rather than a score mixing size in: among faces within 2× of the widest, nearest-the-centre already took
    /// the right person in every dev photo and composite measured (a bystander as wide as the person, pasted behind),
    /// so a size weight would have nothing to be fitted on.
    /// </summary>
    public static FrontChoice Choose(IReadOnlyList<DetectedFace> faces, int imageWidth, int imageHeight)
    {
        ArgumentNullException.ThrowIfNull(faces);
        if (faces.Count == 0)
        {
            return new FrontChoice(null, null);
        }
        var widest = faces.Max(face => face.Box.Width);
        var candidates = faces.Where(face => face.Box.Width >= MinWidthShare * widest)
            .OrderBy(face => DistanceFromCentre(face.Box, imageWidth, imageHeight))
            .ToList();
        var front = candidates[0];
        var rival = candidates.Skip(1).FirstOrDefault(other => EquallyPlausible(front, other, imageWidth, imageHeight));
        return new FrontChoice(front, rival);
    }

    public static float DistanceFromCentre(FaceBox box, int imageWidth, int imageHeight)
    {
        var dx = box.X + box.Width / 2 - imageWidth / 2f;
        var dy = box.Y + box.Height / 2 - imageHeight / 2f;
        return MathF.Sqrt(dx * dx + dy * dy);
    }

    private static bool EquallyPlausible(DetectedFace front, DetectedFace other, int imageWidth, int imageHeight)
    {
        var (narrower, wider) = (MathF.Min(front.Box.Width, other.Box.Width), MathF.Max(front.Box.Width, other.Box.Width));
        var distanceGap = DistanceFromCentre(other.Box, imageWidth, imageHeight) - DistanceFromCentre(front.Box, imageWidth, imageHeight);
        return narrower >= SimilarWidthShare * wider && distanceGap < SimilarDistanceFaceWidths * wider;
    }
}

/// <summary>The face in front (null when there is no face), and an <paramref name="EquallyPlausibleRival"/> when another face
/// is as much in front as it.</summary>
public sealed record FrontChoice(DetectedFace? Face, DetectedFace? EquallyPlausibleRival)
{
    public bool IsAmbiguous => EquallyPlausibleRival is not null;
}
