using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Localization;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Sites;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace FaceAttendance.Web.Pages.Admin.Kiosks;

/// <summary>A kiosk's name, site, time zone and language as the add and rename forms post them (the API's <c>KioskRequest</c> rules):
/// the site is one of the select's, or a new one named in <see cref="NewSiteName"/>.</summary>
public sealed class KioskInput
{
    [Required(ErrorMessage = "Enter the kiosk's name.")]
    [StringLength(100), PlainText, RegularExpression(PeopleApi.NotBlank, ErrorMessage = PeopleApi.BlankMessage)]
    public string Name { get; set; } = "";

    /// <summary>Null: the select's "a new site" option.</summary>
    [Display(Name = "Site")]
    public Guid? SiteId { get; set; }

    [StringLength(100), PlainText]
    [Display(Name = "New site's name")]
    public string? NewSiteName { get; set; }

    [Required(ErrorMessage = "Choose the kiosk's time zone.")]
    [StringLength(64)]
    [Display(Name = "Time zone")]
    public string TimeZone { get; set; } = "";

    /// <summary>Null: the browser's language.</summary>
    [SupportedLanguage]
    [Display(Name = "Language")]
    public string? Language { get; set; }

    /// <summary>The select's options: every site, then "a new site"; filled by the page, never posted.</summary>
    [BindNever, ValidateNever]
    public IReadOnlyList<SelectListItem> Sites { get; private set; } = [];

    public async Task LoadSitesAsync(AttendanceDbContext db, CancellationToken ct) =>
        Sites = [.. (await SiteChoices.ListAsync(db, SiteId, null, ct)).Sites, new SelectListItem("A new site (name it below)", "")];

    /// <summary>The chosen site, or the one named in <see cref="NewSiteName"/> (found by name, else added with the caller's
    /// save); null with the reason in <paramref name="modelState"/>.</summary>
    public async Task<Site?> SiteAsync(AttendanceDbContext db, ModelStateDictionary modelState, TimeProvider time, CancellationToken ct)
    {
        if (SiteId is { } id)
        {
            var site = await db.Sites.FindAsync([id], ct);
            if (site is null)
            {
                modelState.AddModelError("Input.SiteId", "That site was deleted meanwhile: choose another.");
            }
            return site;
        }
        if (string.IsNullOrWhiteSpace(NewSiteName))
        {
            modelState.AddModelError("Input.NewSiteName", "Choose the kiosk's site, or name a new one.");
            return null;
        }
        return await db.FindOrAddSiteAsync(NewSiteName, TimeZone, time, ct);
    }
}
