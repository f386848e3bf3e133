using System.ComponentModel.DataAnnotations;

namespace FaceAttendance.Web.Storage;

/// <summary>The <c>FaceAttendance:Uploads</c> section.</summary>
public sealed class UploadOptions
{
    public const string Section = "FaceAttendance:Uploads";

    /// <summary>Largest accepted image, for uploads, multipart posts and enrolment photos.</summary>
    [Range(1024, 15 * 1024 * 1024)]
    public long MaxBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>How long a pre-signed upload URL stays valid.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "01:00:00")]
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long after its URL was issued a snapshot can still be decided: the URL's lifetime, plus a minute
    /// for an upload made at its last moment to be posted to /attendance. An older key is refused, so a key someone
    /// saw cannot be used to check a person in later.</summary>
    public TimeSpan DecisionWindow => UrlLifetime + TimeSpan.FromMinutes(1);
}
