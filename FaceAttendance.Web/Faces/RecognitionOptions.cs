using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Web.Faces;

/// <summary>The top-level <c>FaceAttendance:MatchThreshold</c> key, and learning at the kiosk (<see cref="People.KioskLearning"/>).</summary>
public sealed class RecognitionOptions
{
    public const string Section = "FaceAttendance";

    /// <summary>Cosine similarity a face must reach to count as a match; unset means the engine's built-in threshold.</summary>
    [Range(0.0, 1.0)]
    public float? MatchThreshold { get; set; }

    /// <summary>Add a scan recognised well above the bar (<see cref="LearnMinSimilarity"/>, <see cref="LearnMinMargin"/>, a
    /// good-quality live face) to its person as a kiosk-learned face. Off by default. Needs the local engine.</summary>
    public bool KioskLearning { get; set; }

    /// <summary>Similarity to the person a scan must reach to be learned. This and <see cref="LearnMinMargin"/> default to the
    /// bar the CLI's <c>learn</c> suggests on dev + strangers: none added, 0.10 above the closest stranger (docs/recognition.md, issue 23).</summary>
    [Range(0.0, 1.0)]
    public float LearnMinSimilarity { get; set; } = 0.65f;

    /// <summary>Lead of that similarity over the second-closest person's a scan must have to be learned (with one person
    /// enrolled there is no second person, and nothing is learned).</summary>
    [Range(0.0, 1.0)]
    public float LearnMinMargin { get; set; } = 0.35f;

    /// <summary>Kiosk-learned faces kept per person; a new one replaces the oldest. Enrolled faces are never replaced.</summary>
    [Range(1, 20)]
    public int LearnMaxPerPerson { get; set; } = 3;
}

/// <summary>What learning at the kiosk needs of the engine and the match threshold.</summary>
internal sealed class RecognitionOptionsValidator(IOptions<EngineOptions> engine) : IValidateOptions<RecognitionOptions>
{
    public ValidateOptionsResult Validate(string? name, RecognitionOptions options)
    {
        var failures = new List<string>();
        if (options.KioskLearning && engine.Value.Provider != EngineProvider.Local)
        {
            failures.Add("FaceAttendance:KioskLearning needs the local engine: Amazon Rekognition keeps its own collection and gives no liveness or margin.");
        }
        if (options.MatchThreshold is { } threshold && options.LearnMinSimilarity <= threshold)
        {
            failures.Add("FaceAttendance:LearnMinSimilarity must be above FaceAttendance:MatchThreshold: only a scan recognised well above the bar is learned.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
