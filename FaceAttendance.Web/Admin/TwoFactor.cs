using FaceAttendance.Web.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using OtpNet;

namespace FaceAttendance.Web.Admin;

public sealed record TotpEnrolment(string Secret, Uri OtpAuthUri);

/// <summary>An account's own two-step sign-in (RFC 6238 TOTP, 30 s, 6 digits, Otp.NET), for the API
/// (<see cref="TotpApi"/>) and the "Your account" page alike. The secret is Identity's authenticator key and the
/// recovery codes Identity's, both in <c>AspNetUserTokens</c>; enrolling (only while it is off) makes a new secret,
/// which a code from the app then confirms. A code is good once: the time step last accepted is kept beside them (token
/// <see cref="LastStepToken"/> of provider <see cref="TokenProvider"/>), and a code of that step or an older one is
/// refused.</summary>
public sealed class TwoFactor(UserManager<Account> users, AccountsOptions options, TimeProvider time)
{
    public const int RecoveryCodeCount = 10;
    public const string TokenProvider = "FaceAttendance";
    public const string LastStepToken = "TotpLastStep";
    private const string Issuer = "FaceAttendance";

    /// <summary>A new secret for <paramref name="account"/>, off until <see cref="ConfirmAsync"/>; null when the factor is
    /// on already: replacing it would turn it off without the password and code <see cref="TurnOffAsync"/> asks for.</summary>
    public async Task<TotpEnrolment?> EnrolAsync(Account account)
    {
        if (account.TwoFactorEnabled)
        {
            return null;
        }
        // Identity's key: 20 random bytes in RFC 4648 base32, which Otp.NET reads
        await users.ResetAuthenticatorKeyAsync(account);
        return await PendingEnrolmentAsync(account);
    }

    /// <summary>The secret enrolled but not yet confirmed, to show again after a wrong code; null once it is on.</summary>
    public async Task<TotpEnrolment?> PendingEnrolmentAsync(Account account)
    {
        if (account.TwoFactorEnabled || await users.GetAuthenticatorKeyAsync(account) is not { Length: > 0 } secret)
        {
            return null;
        }
        var label = Uri.EscapeDataString($"{Issuer}:{account.UserName}");
        return new TotpEnrolment(secret, new Uri($"otpauth://totp/{label}?secret={secret}&issuer={Issuer}&digits=6&period=30"));
    }

    /// <summary>Turns the factor on when <paramref name="code"/> is the app's current one, and answers the new
    /// recovery codes (shown once, never again); null when the code is wrong.</summary>
    public async Task<string[]?> ConfirmAsync(Account account, string? code)
    {
        if (!await AcceptsCodeAsync(account, code))
        {
            return null;
        }
        await users.SetTwoFactorEnabledAsync(account, true);
        return await NewRecoveryCodesAsync(account);
    }

    /// <summary>New recovery codes in place of the old ones, for a current code; null when it is wrong or the factor off.</summary>
    public async Task<string[]?> RegenerateRecoveryCodesAsync(Account account, string? code) =>
        account.TwoFactorEnabled && await AcceptsCodeAsync(account, code) ? await NewRecoveryCodesAsync(account) : null;

    /// <summary>Whether <paramref name="account"/> must have the factor on (<see cref="AccountsOptions.RequireTwoFactorForOwners"/>).</summary>
    public bool IsRequiredFor(Account account) => options.RequireTwoFactorForOwners && account.Role == Roles.Owner;

    /// <summary>Turns the factor off when both the password and a current code are right, and it is not required of the
    /// account; the old secret then works nowhere (a new enrolment makes a new one, and new recovery codes).</summary>
    public async Task<bool> TurnOffAsync(Account account, string password, string? code)
    {
        if (!account.TwoFactorEnabled || IsRequiredFor(account) || !await users.CheckPasswordAsync(account, password) || !await AcceptsCodeAsync(account, code))
        {
            return false;
        }
        await users.SetTwoFactorEnabledAsync(account, false);
        await users.ResetAuthenticatorKeyAsync(account);
        return true;
    }

    public Task<int> RecoveryCodesLeftAsync(Account account) => users.CountRecoveryCodesAsync(account);

    /// <summary>What the login takes: the app's current code, or a recovery code (each good once).</summary>
    public async Task<bool> AcceptsSignInCodeAsync(Account account, string? code)
    {
        var typed = code?.Replace(" ", "", StringComparison.Ordinal).Trim() ?? "";
        return typed.Length == 6 && typed.All(char.IsAsciiDigit)
            ? await AcceptsCodeAsync(account, typed)
            : typed.Length > 0 && (await users.RedeemTwoFactorRecoveryCodeAsync(account, typed.ToUpperInvariant())).Succeeded;
    }

    /// <summary>Whether <paramref name="code"/> is the account's code now, or one step either side (clock drift), of a
    /// step later than the last accepted one; accepting it records its step.</summary>
    public async Task<bool> AcceptsCodeAsync(Account account, string? code)
    {
        if (await users.GetAuthenticatorKeyAsync(account) is not { Length: > 0 } secret || code is null)
        {
            return false;
        }
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        if (!totp.VerifyTotp(time.GetUtcNow().UtcDateTime, code.Replace(" ", "", StringComparison.Ordinal), out var step, new VerificationWindow(1, 1))
            || (long.TryParse(await users.GetAuthenticationTokenAsync(account, TokenProvider, LastStepToken), out var last) && step <= last))
        {
            return false;
        }
        // the update checks the account's concurrency stamp, so of two sign-ins racing with one code only one succeeds
        var recorded = await users.SetAuthenticationTokenAsync(account, TokenProvider, LastStepToken, step.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return recorded.Succeeded;
    }

    /// <summary>The API key (or any principal that is not an account) has no factor of its own.</summary>
    internal static ProblemHttpResult NotAnAccount() =>
        Problems.Of(StatusCodes.Status400BadRequest, "not-an-account", "Only a signed-in account has its own password and two-step sign-in; the API key is not one.");

    private async Task<string[]> NewRecoveryCodesAsync(Account account) =>
        [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(account, RecoveryCodeCount) ?? []];
}
