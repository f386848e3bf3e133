using System.Security.Claims;
using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace FaceAttendance.Web.Admin;

public sealed record TotpEnrolment(string Secret, Uri OtpAuthUri);

public sealed record TotpCode(string Code);

/// <summary>An account's own TOTP second factor (RFC 6238, 30 s, 6 digits, Otp.NET): enrol a new secret, confirm it with
/// a code from the app, and from then on the login asks for a code too. The secret is Identity's authenticator key
/// (<c>AspNetUserTokens</c>); enrolling again replaces it and turns the factor off until confirmed.</summary>
internal static class TotpApi
{
    private const string Issuer = "FaceAttendance";

    public static RouteGroupBuilder MapTotpApi(this IEndpointRouteBuilder routes)
    {
        // every role may protect its own account: the least policy
        var group = routes.MapGroup("/api/accounts/me/totp").RequireAuthorization(Policies.CanReadTimesheets).WithTags("Accounts")
            .ProducesProblem(StatusCodes.Status401Unauthorized);
        group.MapPost("", Enrol).WithDescription("A new TOTP secret for the signed-in account, as an otpauth:// URI for an authenticator app.");
        group.MapPost("/confirm", Confirm).WithDescription("Turns the second factor on with a current code from the app.");
        return group;
    }

    public static async Task<Results<Ok<TotpEnrolment>, ProblemHttpResult>> Enrol(HttpContext http, ClaimsPrincipal user, UserManager<Account> users, AdminSignIn signIn)
    {
        if (await users.GetUserAsync(user) is not { } account)
        {
            return NotAnAccount();
        }
        // Identity's key: 20 random bytes in RFC 4648 base32, which Otp.NET reads
        await users.SetTwoFactorEnabledAsync(account, false);
        await users.ResetAuthenticatorKeyAsync(account);
        var secret = (await users.GetAuthenticatorKeyAsync(account))!;
        await signIn.RefreshAsync(http, account); // the reset changed the account's security stamp
        var label = Uri.EscapeDataString($"{Issuer}:{account.UserName}");
        return TypedResults.Ok(new TotpEnrolment(secret, new Uri($"otpauth://totp/{label}?secret={secret}&issuer={Issuer}&digits=6&period=30")));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Confirm(TotpCode body, HttpContext http, ClaimsPrincipal user, UserManager<Account> users,
        AdminSignIn signIn, TimeProvider time)
    {
        if (await users.GetUserAsync(user) is not { } account)
        {
            return NotAnAccount();
        }
        if (!await IsValidAsync(users, account, body.Code, time))
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "totp-code-wrong", "That code is not the app's current one: enrol first, then type the code it shows now.");
        }
        await users.SetTwoFactorEnabledAsync(account, true);
        await signIn.RefreshAsync(http, account);
        return TypedResults.NoContent();
    }

    /// <summary>Whether <paramref name="code"/> is the account's code now, or one step either side (clock drift).</summary>
    public static async Task<bool> IsValidAsync(UserManager<Account> users, Account account, string? code, TimeProvider time)
    {
        if (await users.GetAuthenticatorKeyAsync(account) is not { Length: > 0 } secret || code is null)
        {
            return false;
        }
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        return totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code.Replace(" ", "", StringComparison.Ordinal), out _, new VerificationWindow(1, 1));
    }

    private static ProblemHttpResult NotAnAccount() =>
        Problems.Of(StatusCodes.Status400BadRequest, "not-an-account", "Only a signed-in account has a second factor; the API key is not one.");
}
