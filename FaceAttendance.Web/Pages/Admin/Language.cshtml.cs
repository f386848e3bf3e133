using FaceAttendance.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FaceAttendance.Web.Pages.Admin;

/// <summary>The language of the admin pages, chosen in the top bar (also before signing in): remembered in a cookie
/// (Localization/Languages.cs), then back to the page it was chosen on. GET shows the same choice on a page of its own.</summary>
public sealed class LanguageModel(IStringLocalizer<AdminTexts> texts) : PageModel
{
    public IActionResult OnPost(string? language, string? returnUrl)
    {
        if (language is null || !Languages.Supported.Contains(language))
        {
            ModelState.AddModelError(string.Empty, texts["language.unknown", string.Join(", ", Languages.Supported)]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        Languages.RememberAdminChoice(Response, language);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/admin");
    }
}
