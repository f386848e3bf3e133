using System.ComponentModel.DataAnnotations;

namespace FaceAttendance.Web.People;

/// <summary>Biometric consent (GDPR art. 9, BIPA): recorded per person before their first face is enrolled.</summary>
public sealed class ConsentOptions
{
    public const string Section = "FaceAttendance:Consent";

    /// <summary>Refuse to enrol a face until the person's consent is recorded. On by default; turn off only where
    /// another legal basis applies and is documented.</summary>
    public bool Required { get; set; } = true;

    /// <summary>The version of the notice people are shown and agree to; recorded with each consent, so a changed
    /// notice shows who agreed to which.</summary>
    [Required, StringLength(64, MinimumLength = 1)]
    public string NoticeVersion { get; set; } = "1";
}
