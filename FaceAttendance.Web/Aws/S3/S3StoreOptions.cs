using System.ComponentModel.DataAnnotations;

namespace FaceAttendance.Web.Aws.S3;

/// <summary>
/// Where <c>Storage:Provider=S3</c> keeps objects (section <c>FaceAttendance:Storage:S3</c>). Credentials and the default
/// region come from the AWS SDK's chain and the <c>AWS</c> section; <see cref="ServiceUrl"/> and <see cref="ForcePathStyle"/>
/// point it at an S3-compatible server instead.
/// </summary>
public sealed class S3StoreOptions
{
    public const string Section = "FaceAttendance:Storage:S3";

    [Required, RegularExpression("[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9]", ErrorMessage = "Bucket must be a valid S3 bucket name.")]
    public string Bucket { get; set; } = "";

    /// <summary>Folder inside the bucket for every key of the app, e.g. <c>faceattendance/</c>; empty for the bucket root.</summary>
    [RegularExpression("^$|^[A-Za-z0-9_.\\-/]*/$", ErrorMessage = "Prefix must be empty or end with '/'.")]
    public string Prefix { get; set; } = "";

    /// <summary>Region of the bucket; falls back to the AWS section's region.</summary>
    public string? Region { get; set; }

    /// <summary>S3-compatible endpoint, e.g. <c>http://127.0.0.1:4568</c>; unset means Amazon S3.</summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>Address buckets as <c>host/bucket/key</c>, as most S3-compatible servers need.</summary>
    public bool ForcePathStyle { get; set; }

    /// <summary>Keys of an S3-compatible server; leave unset on AWS, where the SDK's credential chain (role, env, profile) applies.</summary>
    public string? AccessKeyId { get; set; }

    public string? SecretAccessKey { get; set; }
}
