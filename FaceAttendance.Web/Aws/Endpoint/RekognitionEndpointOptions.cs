using System.ComponentModel.DataAnnotations;

namespace FaceAttendance.Web.Aws.Endpoint;

/// <summary>
/// The Rekognition-compatible API this app serves on its local engine (section <c>FaceAttendance:RekognitionEndpoint</c>).
/// Any AWS SDK reaches it with endpoint <c>http(s)://host:port/rekognition</c> and one of <see cref="AccessKeys"/>.
/// </summary>
public sealed class RekognitionEndpointOptions : IValidatableObject
{
    public const string Section = "FaceAttendance:RekognitionEndpoint";
    public const string Path = "/rekognition";

    public bool Enabled { get; set; }

    /// <summary>Region clients must sign for; unset accepts any region, so SDK defaults just work.</summary>
    public string? Region { get; set; }

    /// <summary>The account id collection ARNs name (<c>arn:aws:rekognition:{signing region}:{AccountId}:collection/{id}</c>).</summary>
    [Required, RegularExpression("[0-9]{12}")]
    public string AccountId { get; set; } = "000000000000";

    /// <summary>The bucket name under which <c>S3Object</c> images name keys of this app's object store.</summary>
    [Required, RegularExpression("[0-9A-Za-z.\\-_]{3,255}")]
    public string Bucket { get; set; } = "faceattendance";

    public List<AccessKeyOptions> AccessKeys { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Enabled && AccessKeys.Count == 0)
        {
            yield return new ValidationResult(
                $"{Section}:Enabled needs at least one entry in {Section}:AccessKeys (AccessKeyId and SecretAccessKey) to check signatures against.");
        }
        foreach (var key in AccessKeys.Where(k => string.IsNullOrWhiteSpace(k.AccessKeyId) || k.SecretAccessKey.Length < 16))
        {
            yield return new ValidationResult($"{Section}:AccessKeys entry '{key.AccessKeyId}' needs an id and a secret of at least 16 characters.");
        }
    }

    public string? SecretFor(string accessKeyId) => AccessKeys.FirstOrDefault(k => k.AccessKeyId == accessKeyId)?.SecretAccessKey;
}

public sealed class AccessKeyOptions
{
    public string AccessKeyId { get; set; } = "";
    public string SecretAccessKey { get; set; } = "";
}
