using System.Diagnostics;
using FaceAttendance.Vision;
using FaceAttendance.Web.Observability;

namespace FaceAttendance.Web.Faces;

/// <summary>Photos through the local engine: an enrolment photo (decode, pick the face, judge its quality, embed it), or a
/// kiosk's burst of frames (<see cref="Burst"/>).</summary>
internal static class LocalFaceAnalysis
{
    /// <param name="Box">where the face taken is in the photo, once one was taken (also when its quality is refused).</param>
    /// <param name="Turn">the head-turn check, when a scan asked for one.</param>
    /// <param name="BestFrame">the frame of a burst the face was judged by.</param>
    public sealed record Result(FaceProblem? Problem, FaceEmbedding? Embedding, FaceQualityReport? Quality, LivenessResult? Liveness = null,
        PhotoFaceBox? Box = null, TurnCheck? Turn = null, int BestFrame = 0);

    /// <param name="checkQuality">false when re-embedding a photo that was judged at enrolment already.</param>
    public static Result Analyse(FaceEngine engine, ReadOnlySpan<byte> encoded, bool checkQuality)
    {
        using var image = engine.Decode(encoded);
        var choice = FaceInFront.Choose(engine.Detect(image), image.Width, image.Height);
        if (ChoiceProblem(choice) is { } problem)
        {
            return Fail(problem);
        }
        var face = choice.Face!;
        var box = PhotoFaceBox.Of(face.Box, image.Width, image.Height);
        if (!checkQuality)
        {
            return new Result(null, engine.Embed(image, face), null, null, box);
        }
        var (quality, embedding) = engine.AssessAndEmbed(image, face);
        var report = Report(quality);
        return new Result(embedding is null ? PoorQuality(report) : null, embedding, report, null, box);
    }

    /// <summary>A kiosk scan: its frames decoded, judged and fused (<see cref="Burst.Analyse"/>), each stage timed and the
    /// liveness score put on record in <paramref name="scan"/>.</summary>
    public static Result AnalyseScan(
        FaceEngine engine, IReadOnlyList<byte[]> frames, bool checkLiveness, HeadTurn? turn, AttendanceMetrics scan)
    {
        var images = new List<FaceImage>(frames.Count);
        try
        {
            var started = Stopwatch.GetTimestamp();
            images.AddRange(frames.Select(frame => engine.Decode(frame)));
            Timed(scan, "decode", started);
            var burst = Burst.Analyse(engine, images, checkLiveness, turn, scan.Stage);
            if (burst.Liveness is { } liveness)
            {
                scan.Liveness(liveness.Score);
            }
            var best = burst.Best;
            var report = best?.Quality is { } quality ? Report(quality) : null;
            var box = best?.Face is { } face ? PhotoFaceBox.Of(face.Box, images[best.Index].Width, images[best.Index].Height) : null;
            if (burst.Embedding is null)
            {
                // a frame with two faces equally in front says more than the others' missing or poor faces
                var problem = burst.Frames.FirstOrDefault(frame => frame.Choice.IsAmbiguous) is { } ambiguous ? ChoiceProblem(ambiguous.Choice)!
                    : report is not null ? PoorQuality(report)
                    : NoFace;
                return new Result(problem, null, report, null, box, burst.Turn);
            }
            return new Result(null, burst.Embedding, report, burst.Liveness, box, burst.Turn, best!.Index);
        }
        finally
        {
            images.ForEach(image => image.Dispose());
        }
    }

    /// <summary>Records the stage that began at <paramref name="started"/>; returns when the next one begins.</summary>
    public static long Timed(AttendanceMetrics? metrics, string stage, long started)
    {
        var now = Stopwatch.GetTimestamp();
        metrics?.Stage(stage, Stopwatch.GetElapsedTime(started, now));
        return now;
    }

    private static readonly FaceProblem NoFace = new(FaceProblemCode.NoFace, "No face was found in the image.", []);

    private static FaceProblem? ChoiceProblem(FrontChoice choice) =>
        choice.Face is null ? NoFace
        : choice.IsAmbiguous ? new FaceProblem(FaceProblemCode.MultipleFaces,
            "Two faces are equally in front (the same size, as near the centre); one person at a time, in the middle of the picture, please.", [])
        : null;

    private static FaceProblem PoorQuality(FaceQualityReport report) =>
        new(FaceProblemCode.PoorQuality, $"The face is not clear enough: {string.Join(", ", report.Issues)}.", report.Issues, report);

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
