using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.People;

namespace FaceAttendance.Web.Pages.Admin.Kiosks;

/// <summary>A kiosk's name, site and time zone as the add and rename forms post them (the API's <c>KioskRequest</c> rules).</summary>
public sealed class KioskInput
{
    [Required(ErrorMessage = "Enter the kiosk's name.")]
    [StringLength(100), PlainText, RegularExpression(PeopleApi.NotBlank, ErrorMessage = PeopleApi.BlankMessage)]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Enter the site the kiosk is at.")]
    [StringLength(100), PlainText, RegularExpression(PeopleApi.NotBlank, ErrorMessage = PeopleApi.BlankMessage)]
    public string Site { get; set; } = "";

    [Required(ErrorMessage = "Choose the kiosk's time zone.")]
    [StringLength(64)]
    [Display(Name = "Time zone")]
    public string TimeZone { get; set; } = "";
}
