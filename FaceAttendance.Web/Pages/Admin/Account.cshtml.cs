using System.ComponentModel.DataAnnotations;
using FaceAttendance.Web.Admin;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FaceAttendance.Web.Pages.Admin;

/// <summary>"Your account", for every signed-in account: its name, its own password, and its two-step sign-in (turn on
/// with a QR code and a code, recovery codes shown once, new recovery codes, turn off). The API key and any other
/// principal that is not an account get 400 <c>not-an-account</c>.</summary>
[AccountsOnly]
public sealed class AccountModel(UserManager<Account> users, TwoFactor twoFactor, AdminSignIn signIn, AdminOptions admin) : PageModel
{
    private const string MessageKey = "AccountMessage";

    public Account Me { get; private set; } = null!;
    public TotpEnrolment? Enrolment { get; private set; }
    /// <summary>Recovery codes just made: on the page this once, kept nowhere else in plain sight.</summary>
    public string[]? RecoveryCodes { get; private set; }
    public int RecoveryCodesLeft { get; private set; }
    public string? PasswordError { get; private set; }
    public string? TwoFactorError { get; private set; }
    [TempData(Key = MessageKey)]
    public string? Message { get; set; }

    /// <summary>The first Owner's password comes from configuration when <c>FaceAttendance:Admin:Password</c> is set,
    /// which wins at every start (<see cref="AdminCredentials"/>): a change here would not last.</summary>
    public bool PasswordIsConfigured => Me.UserName == Account.FirstOwnerUserName && admin.Password is { Length: > 0 };

    /// <summary>An Owner must have two-step sign-in (<see cref="AccountsOptions.RequireTwoFactorForOwners"/>).</summary>
    public bool TwoFactorRequired => twoFactor.IsRequiredFor(Me);

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        // found by AccountsOnly already (the context's tracked entity: no second query)
        Me = (await users.GetUserAsync(User))!;
        await next();
    }

    public async Task<IActionResult> OnGetAsync() => await ShowAsync();

    public async Task<IActionResult> OnPostPasswordAsync([Bind(Prefix = "Password")] PasswordChange change)
    {
        if (PasswordIsConfigured)
        {
            return await ShowAsync(passwordError: "This account's password is set by FaceAttendance:Admin:Password in the configuration: change it there.");
        }
        if (!ModelState.IsValid)
        {
            return await ShowAsync(passwordError: string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage)));
        }
        if (change.New == change.Current)
        {
            return await ShowAsync(passwordError: "The new password is the current one: choose another.");
        }
        // checks the current password, the new one's rules, and changes the security stamp
        var changed = await users.ChangePasswordAsync(Me, change.Current, change.New);
        if (!changed.Succeeded)
        {
            return await ShowAsync(passwordError: changed.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                ? "The current password is not right."
                : string.Join(" ", changed.Errors.Select(e => e.Description)));
        }
        await signIn.RefreshAsync(HttpContext, Me); // the new stamp signs out the account's other browsers, not this one
        Message = "Your password was changed.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTurnOnAsync()
    {
        // null when it is on already: the page then shows it on
        Enrolment = await twoFactor.EnrolAsync(Me);
        if (Enrolment is not null)
        {
            await signIn.RefreshAsync(HttpContext, Me);
        }
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string? code)
    {
        RecoveryCodes = Me.TwoFactorEnabled ? null : await twoFactor.ConfirmAsync(Me, code);
        if (RecoveryCodes is null)
        {
            Enrolment = await twoFactor.PendingEnrolmentAsync(Me);
            return await ShowAsync(twoFactorError: "That code is not the one your app shows now. Type the newest code (it changes every 30 seconds).");
        }
        await signIn.RefreshAsync(HttpContext, Me);
        return await ShowAsync();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(string? code)
    {
        RecoveryCodes = await twoFactor.RegenerateRecoveryCodesAsync(Me, code);
        return await ShowAsync(twoFactorError: RecoveryCodes is null ? "That code is not the one your app shows now (or was used already); wait for the next one." : null);
    }

    public async Task<IActionResult> OnPostTurnOffAsync(string? currentPassword, string? code)
    {
        if (!await twoFactor.TurnOffAsync(Me, currentPassword ?? "", code))
        {
            return await ShowAsync(twoFactorError: "The password or the code is not right; both are needed to turn two-step sign-in off.");
        }
        await signIn.RefreshAsync(HttpContext, Me);
        Message = "Two-step sign-in is off. Signing in now needs only your password.";
        return RedirectToPage();
    }

    private async Task<PageResult> ShowAsync(string? passwordError = null, string? twoFactorError = null)
    {
        (PasswordError, TwoFactorError) = (passwordError, twoFactorError);
        RecoveryCodesLeft = Me.TwoFactorEnabled ? await twoFactor.RecoveryCodesLeftAsync(Me) : 0;
        return Page();
    }

    public sealed class PasswordChange
    {
        [Required(ErrorMessage = "Type your current password.")]
        public string Current { get; set; } = "";

        [Required(ErrorMessage = "Choose a new password.")]
        [StringLength(200, MinimumLength = 12, ErrorMessage = "The new password must have at least 12 characters.")]
        public string New { get; set; } = "";

        [Compare(nameof(New), ErrorMessage = "The two new passwords differ.")]
        public string Again { get; set; } = "";
    }

    /// <summary>Answers 400 <c>not-an-account</c> to a principal that is not an account, before the antiforgery check
    /// (order 1000), so the API key's POST is told the same as its GET rather than a bare 400.</summary>
    private sealed class AccountsOnlyAttribute : Attribute, IAsyncAuthorizationFilter, IOrderedFilter
    {
        public int Order => 0;

        public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
        {
            var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<Account>>();
            if (await users.GetUserAsync(context.HttpContext.User) is null)
            {
                await TwoFactor.NotAnAccount().ExecuteAsync(context.HttpContext);
                context.Result = new EmptyResult();
            }
        }
    }
}
