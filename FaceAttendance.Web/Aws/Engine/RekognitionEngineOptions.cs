using System.ComponentModel.DataAnnotations;

namespace FaceAttendance.Web.Aws.Engine;

/// <summary>
/// Face search in Amazon Rekognition for <c>Engine:Provider=Rekognition</c> (section <c>FaceAttendance:Engine:Rekognition</c>).
/// Credentials and the default region come from the AWS SDK's chain and the <c>AWS</c> section.
/// </summary>
public sealed class RekognitionEngineOptions
{
    public const string Section = "FaceAttendance:Engine:Rekognition";

    [Required, RegularExpression("[a-zA-Z0-9_.\\-]{1,255}")]
    public string CollectionId { get; set; } = "faceattendance";

    /// <summary>Create the collection at start when it does not exist (needs rekognition:CreateCollection).</summary>
    public bool CreateCollection { get; set; } = true;

    public string? Region { get; set; }

    /// <summary>Endpoint override, e.g. another FaceAttendance's <c>http://host:port/rekognition</c>.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Keys of a Rekognition-compatible endpoint; leave unset on AWS, where the SDK's credential chain applies.</summary>
    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }

    /// <summary>Rekognition similarity (percent) a face must reach to count as a match.</summary>
    [Range(0, 100)]
    public float FaceMatchThreshold { get; set; } = 90;

    /// <summary>Rekognition's QualityFilter for enrolment and search: NONE, AUTO, LOW, MEDIUM or HIGH.</summary>
    [RegularExpression("NONE|AUTO|LOW|MEDIUM|HIGH")]
    public string QualityFilter { get; set; } = "AUTO";
}
