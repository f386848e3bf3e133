using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Identity;

namespace FaceAttendance.Web.Admin;

/// <summary>With <see cref="AccountsOptions.RequireTwoFactorForOwners"/>, an Owner account signed in without two-step
/// sign-in is sent to "Your account" to turn it on before anything else: other admin pages redirect there, the API
/// answers 403 <c>two-step-sign-in-required</c>. Checked against the account on each request (not a claim of the
/// cookie), so turning it on takes effect at once; the API key is not an account and is not held.</summary>
internal static class TwoFactorEnrolment
{
    public const string AccountPage = "/admin/account";

    // what an Owner needs to turn it on, and to leave
    private static readonly PathString[] Open = [AccountPage, AdminAuth.LoginPath, "/api/accounts/me/totp"];

    public static void UseTwoFactorEnrolmentForOwners(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<AccountsOptions>().RequireTwoFactorForOwners)
        {
            return;
        }
        app.Use(async (http, next) =>
        {
            var path = http.Request.Path;
            if (!http.User.IsInRole(Roles.Owner) || Open.Any(p => path.StartsWithSegments(p))
                || !(path.StartsWithSegments("/admin") || path.StartsWithSegments("/api"))
                || await http.RequestServices.GetRequiredService<UserManager<Account>>().GetUserAsync(http.User) is not { TwoFactorEnabled: false })
            {
                await next(http);
                return;
            }
            if (path.StartsWithSegments("/api"))
            {
                await Problems.Of(StatusCodes.Status403Forbidden, "two-step-sign-in-required",
                    $"Owners must use two-step sign-in here: turn it on at {AccountPage} (or POST /api/accounts/me/totp) first.").ExecuteAsync(http);
                return;
            }
            http.Response.Redirect(AccountPage);
        });
    }
}
