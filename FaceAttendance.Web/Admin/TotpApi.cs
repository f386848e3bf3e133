using System.Security.Claims;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;

namespace FaceAttendance.Web.Admin;

public sealed record TotpCode(string Code);

/// <summary><see cref="RecoveryCodes"/> are shown this once: each signs in once in place of a code from the app.</summary>
public sealed record TotpConfirmation(string[] RecoveryCodes);

/// <summary>The signed-in account's two-step sign-in by API (<see cref="TwoFactor"/>, which the "Your account" page
/// uses too): enrol a new secret, then confirm it with a code from the app.</summary>
internal static class TotpApi
{
    public static RouteGroupBuilder MapTotpApi(this IEndpointRouteBuilder routes)
    {
        // every role may protect its own account: the least policy
        var group = routes.MapGroup("/api/accounts/me/totp").RequireAuthorization(Policies.CanReadTimesheets).WithTags("Accounts")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("", Enrol).WithDescription("A new TOTP secret for the signed-in account, as an otpauth:// URI for an authenticator app.");
        group.MapPost("/confirm", Confirm).WithDescription("Turns two-step sign-in on with a current code from the app; answers 10 recovery codes, shown this once.");
        return group;
    }

    public static async Task<Results<Ok<TotpEnrolment>, ProblemHttpResult>> Enrol(HttpContext http, ClaimsPrincipal user, UserManager<Account> users,
        TwoFactor twoFactor, AdminSignIn signIn)
    {
        if (await users.GetUserAsync(user) is not { } account)
        {
            return TwoFactor.NotAnAccount();
        }
        if (await twoFactor.EnrolAsync(account) is not { } enrolment)
        {
            return Problems.Of(StatusCodes.Status409Conflict, "two-step-sign-in-on", "Two-step sign-in is on already: turn it off at /admin/account (password and a current code) before enrolling a new app.");
        }
        await signIn.RefreshAsync(http, account); // a new secret changes the account's security stamp
        return TypedResults.Ok(enrolment);
    }

    public static async Task<Results<Ok<TotpConfirmation>, ProblemHttpResult>> Confirm(TotpCode body, HttpContext http, ClaimsPrincipal user,
        UserManager<Account> users, TwoFactor twoFactor, AdminSignIn signIn)
    {
        if (await users.GetUserAsync(user) is not { } account)
        {
            return TwoFactor.NotAnAccount();
        }
        if (await twoFactor.ConfirmAsync(account, body.Code) is not { } recoveryCodes)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "totp-code-wrong", "That code is not the app's current one (or was used already): enrol first, then type the code it shows now.");
        }
        await signIn.RefreshAsync(http, account);
        return TypedResults.Ok(new TotpConfirmation(recoveryCodes));
    }
}
