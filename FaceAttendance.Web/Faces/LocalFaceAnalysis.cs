using System.Diagnostics;
using FaceAttendance.Vision;
using FaceAttendance.Web.Observability;

namespace FaceAttendance.Web.Faces;

/// <summary>One photo through the local engine: decode, pick the face, judge its quality, embed it.</summary>
internal static class LocalFaceAnalysis
{
    /// <param name="Box">where the face taken is in the photo, once one was taken (also when its quality is refused).</param>
    public sealed record Result(FaceProblem? Problem, FaceEmbedding? Embedding, FaceQualityReport? Quality, LivenessResult? Liveness = null,
        PhotoFaceBox? Box = null);

    /// <param name="checkQuality">false when re-embedding a photo that was judged at enrolment already.</param>
    /// <param name="scan">the metrics of a kiosk scan, which times each stage and whose liveness score goes on record;
    /// null for enrolment photos.</param>
    public static Result Analyse(FaceEngine engine, ReadOnlySpan<byte> encoded, bool checkQuality, AttendanceMetrics? scan = null)
    {
        var stage = Stopwatch.GetTimestamp();
        using var image = engine.Decode(encoded);
        stage = Timed(scan, "decode", stage);
        var faces = engine.Detect(image);
        stage = Timed(scan, "detect", stage);
        var choice = FaceInFront.Choose(faces, image.Width, image.Height);
        if (choice.Face is not { } face)
        {
            return Fail(new FaceProblem(FaceProblemCode.NoFace, "No face was found in the image.", []));
        }
        if (choice.IsAmbiguous)
        {
            return Fail(new FaceProblem(FaceProblemCode.MultipleFaces,
                "Two faces are equally in front (the same size, as near the centre); one person at a time, in the middle of the picture, please.", []));
        }
        var box = PhotoFaceBox.Of(face.Box, image.Width, image.Height);
        if (!checkQuality)
        {
            return new Result(null, engine.Embed(image, face), null, null, box);
        }
        var (quality, embedding) = engine.AssessAndEmbed(image, face);
        stage = Timed(scan, "embed", stage);
        var report = Report(quality);
        if (embedding is null)
        {
            var problem = new FaceProblem(FaceProblemCode.PoorQuality,
                $"The face is not clear enough: {string.Join(", ", report.Issues)}.", report.Issues, report);
            return new Result(problem, null, report, null, box);
        }
        if (scan is null)
        {
            return new Result(null, embedding, report, null, box);
        }
        var liveness = engine.CheckLiveness(image, face);
        Timed(scan, "liveness", stage);
        scan.Liveness(liveness.Score);
        return new Result(null, embedding, report, liveness, box);
    }

    /// <summary>Records the stage that began at <paramref name="started"/>; returns when the next one begins.</summary>
    public static long Timed(AttendanceMetrics? metrics, string stage, long started)
    {
        var now = Stopwatch.GetTimestamp();
        metrics?.Stage(stage, Stopwatch.GetElapsedTime(started, now));
        return now;
    }

    private static Result Fail(FaceProblem problem) => new(problem, null, problem.Quality);

    private static FaceQualityReport Report(FaceQuality quality) => new(
        quality.IsAcceptable, [.. quality.Issues.Select(IssueName)], quality.FaceWidthPx, quality.Sharpness,
        quality.Brightness, quality.YawDegrees, quality.PitchDegrees, quality.RollDegrees);

    private static string IssueName(QualityIssue issue) => issue switch
    {
        QualityIssue.TooSmall => "too-small",
        QualityIssue.TooBlurred => "too-blurred",
        QualityIssue.TooDark => "too-dark",
        QualityIssue.TooBright => "too-bright",
        QualityIssue.HeadTurned => "head-turned",
        QualityIssue.EyesClosed => "eyes-closed",
        _ => issue.ToString(),
    };
}
