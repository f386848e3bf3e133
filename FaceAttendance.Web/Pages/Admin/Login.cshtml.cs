using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using FaceAttendance.Web.Localization;

namespace FaceAttendance.Web.Pages.Admin;

public sealed class LoginModel(AdminSignIn signIn, OidcOptions oidc, IStringLocalizer<AdminTexts> texts) : PageModel
{
    /// <summary>The identity provider's name for the "Sign in with" button, or null when none is configured.</summary>
    public string? ProviderName => oidc.Enabled ? oidc.DisplayName : null;

    public string ProviderSignInUrl => $"{OidcSignIn.ChallengePath}?returnUrl={Uri.EscapeDataString(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/admin")}";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    /// <summary>Why a sign-in with the identity provider did not open the app (<see cref="OidcSignIn.Refusals"/>).</summary>
    [BindProperty(SupportsGet = true, Name = OidcSignIn.RefusalParameter)]
    public string? Refusal { get; set; }

    public void OnGet()
    {
        if (Refusal is not null && OidcSignIn.Refusals.TryGetValue(Refusal, out var refusal))
        {
            ModelState.AddModelError(string.Empty, string.Format(System.Globalization.CultureInfo.InvariantCulture, refusal.Sentence, oidc.DisplayName));
            Response.StatusCode = refusal.Status;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await signIn.SignInAsync(HttpContext, Input.Name, Input.Password, Input.Code, Input.RememberMe);
        if (result.RetryAfter > TimeSpan.Zero)
        {
            var seconds = (int)Math.Ceiling(result.RetryAfter.TotalSeconds);
            ModelState.AddModelError(string.Empty, texts["login.throttled", seconds]);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }
        if (!result.SignedIn)
        {
            // a code is good once (and a recovery code is worth keeping out of sight): the form does not show it again
            ModelState.Remove("Input.Code");
            Input.Code = null;
            ModelState.AddModelError(string.Empty, texts["login.wrong"]);
            return Page();
        }
        // only ever return to a page of this site, never to a URL someone put in the link
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/admin");
    }

    /// <summary>POST only, so a link or an image on another page cannot sign the admin out.</summary>
    public async Task<IActionResult> OnPostLogoutAsync()
    {
        await signIn.SignOutAsync(HttpContext);
        return RedirectToPage();
    }

    public sealed class LoginInput
    {
        /// <summary>Empty for the first Owner (the admin password printed at first run).</summary>
        [Display(Name = "Email or user name")]
        [StringLength(256)]
        public string? Name { get; set; }

        // a key of AdminTexts (validation messages are looked up there: Http/ApiSetup.cs)
        [Required(ErrorMessage = "login.password-required")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        /// <summary>Only for an account that turned on two-step sign-in: the app's code or a recovery code (XXXXX-XXXXX).</summary>
        [Display(Name = "Authenticator code")]
        [StringLength(20)]
        public string? Code { get; set; }

        [Display(Name = "Keep me signed in on this device")]
        public bool RememberMe { get; set; }
    }
}
