using FaceAttendance.Web.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FaceAttendance.Web.Http;

/// <summary>An expected refusal, as the features decide it: the status it answers with, a machine-readable
/// <see cref="Code"/> and one sentence for people. HTTP endpoints turn it into ProblemDetails (<see cref="ToProblem"/>);
/// the metrics, the S3 event path and the admin pages read its code directly.</summary>
public sealed record Refusal(int Status, string Code, string Detail, IReadOnlyDictionary<string, object?>? Extensions = null)
{
    public ProblemHttpResult ToProblem() => Problems.Of(Status, Code, Detail, Extensions);

    public static Refusal UnsupportedImage(string detail) => new(StatusCodes.Status415UnsupportedMediaType, "unsupported-image-type", detail);

    public static Refusal TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, "image-too-large", $"The image is larger than the {maxBytes} byte limit.");

    public static Refusal UnknownKey(string key) => new(StatusCodes.Status404NotFound, "unknown-key",
        $"Nothing was uploaded to '{key}', or a scan used it already.");

    /// <summary>What is wrong with a posted image key before any lookup: missing (the client skipped POST /presign), or too
    /// long to be one of this app's keys, which is refused without echoing it back. Null when it may be looked up.</summary>
    public static Refusal? ForKey(string? key) => key switch
    {
        not { Length: > 0 } => new(StatusCodes.Status400BadRequest, "key-missing", "The JSON body needs the 'key' that POST /presign returned."),
        { Length: > ObjectKeys.MaxLength } => new(StatusCodes.Status400BadRequest, "key-too-long",
            $"The key is {key.Length} characters long; keys of this app are at most {ObjectKeys.MaxLength}."),
        _ => null,
    };
}
