using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;
using Microsoft.AspNetCore.Mvc.Testing;
using OtpNet;

namespace FaceAttendance.Tests.Web.Admin;

public sealed class TotpTests
{
    internal const string Password = "a long enough passphrase";

    [Fact]
    public async Task AnAccountThatConfirmedItsAuthenticatorSignsInOnlyWithItsCurrentCode()
    {
        await using var app = new FaceAttendanceApp();
        using var tom = await SignedInAccountAsync(app, "tom@example.com");

        var enrolment = await (await tom.PostAsync("/api/accounts/me/totp", null)).Content.ReadFromJsonAsync<JsonElement>();
        var secret = enrolment.GetProperty("secret").GetString()!;
        enrolment.GetProperty("otpAuthUri").GetString().Should().StartWith("otpauth://totp/FaceAttendance%3Atom%40example.com?secret=" + secret);
        var totp = new Totp(Base32Encoding.ToBytes(secret));

        await (await tom.PostAsJsonAsync("/api/accounts/me/totp/confirm", new { code = Wrong(app, totp) })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "totp-code-wrong");
        var confirmed = await tom.PostAsJsonAsync("/api/accounts/me/totp/confirm", new { code = Code(app, totp) });
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        var recoveryCodes = (await confirmed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()).ToList();
        recoveryCodes.Should().HaveCount(TwoFactor.RecoveryCodeCount).And.OnlyHaveUniqueItems();

        using var laptop = NoRedirects(app);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        (await LogInAsync(laptop, "tom@example.com", null)).StatusCode.Should().Be(HttpStatusCode.OK, "the password alone is not enough any more");
        (await LogInAsync(laptop, "tom@example.com", Wrong(app, totp))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await LogInAsync(laptop, "tom@example.com", Code(app, totp))).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task ACodeSignsInOnceInItsThirtySecondStep()
    {
        await using var app = new FaceAttendanceApp();
        using var ann = await SignedInAccountAsync(app, "ann@example.com");
        var (totp, _) = await TurnOnAsync(app, ann);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var code = Code(app, totp);
        using var first = NoRedirects(app);
        using var second = NoRedirects(app);

        (await LogInAsync(first, "ann@example.com", code)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var replayed = await LogInAsync(second, "ann@example.com", code);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var next = await LogInAsync(second, "ann@example.com", Code(app, totp));

        replayed.StatusCode.Should().Be(HttpStatusCode.OK, "a code already used is refused, like a wrong one");
        (await replayed.Content.ReadAsStringAsync()).Should().Contain("That name, password or code is not right.");
        next.StatusCode.Should().Be(HttpStatusCode.Redirect, "the next step's code works");
    }

    [Fact]
    public async Task ARecoveryCodeSignsInOnceInPlaceOfTheAppsCode()
    {
        await using var app = new FaceAttendanceApp();
        using var ann = await SignedInAccountAsync(app, "ann@example.com");
        var (_, recoveryCodes) = await TurnOnAsync(app, ann);
        using var first = NoRedirects(app);
        using var second = NoRedirects(app);

        (await LogInAsync(first, "ann@example.com", recoveryCodes[3].ToLowerInvariant())).StatusCode.Should().Be(HttpStatusCode.Redirect);
        var again = await LogInAsync(second, "ann@example.com", recoveryCodes[3]);
        var another = await LogInAsync(second, "ann@example.com", recoveryCodes[4]);

        again.StatusCode.Should().Be(HttpStatusCode.OK, "a recovery code works once");
        (await again.Content.ReadAsStringAsync()).Should().Contain("That name, password or code is not right.");
        another.StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task ARecoveryCodeWithAWrongPasswordIsNotUsedUp()
    {
        await using var app = new FaceAttendanceApp();
        using var ann = await SignedInAccountAsync(app, "ann@example.com");
        var (_, recoveryCodes) = await TurnOnAsync(app, ann);
        using var stranger = NoRedirects(app);

        (await AccountsTests.LogInAsync(stranger, "ann@example.com", "a wrong guess at it", recoveryCodes[0])).StatusCode.Should().Be(HttpStatusCode.OK);
        (await LogInAsync(stranger, "ann@example.com", recoveryCodes[0])).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task EnrollingAgainCannotTurnItOffWithoutThePasswordAndACode()
    {
        await using var app = new FaceAttendanceApp();
        using var ann = await SignedInAccountAsync(app, "ann@example.com");
        var (totp, _) = await TurnOnAsync(app, ann);

        await (await ann.PostAsync("/api/accounts/me/totp", null)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "two-step-sign-in-on");
        using var browser = NoRedirects(app);
        (await LogInAsync(browser, "ann@example.com", null)).StatusCode.Should().Be(HttpStatusCode.OK, "a code is still needed");
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        (await LogInAsync(browser, "ann@example.com", Code(app, totp))).StatusCode.Should().Be(HttpStatusCode.Redirect, "the same app still works");
    }

    [Fact]
    public async Task TheApiKeyHasNoSecondFactorToEnrol()
    {
        await using var app = new FaceAttendanceApp();
        using var key = app.CreateAdminClient();

        await (await key.PostAsync("/api/accounts/me/totp", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "not-an-account");
        await (await key.PostAsJsonAsync("/api/accounts/me/totp/confirm", new { code = "123456" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "not-an-account");
    }

    /// <summary>An account invited by the Owner, with <see cref="Password"/>, signed in in its own browser (no redirects followed).</summary>
    internal static async Task<HttpClient> SignedInAccountAsync(FaceAttendanceApp app, string email, string role = Roles.Admin)
    {
        using var owner = app.CreateAdminClient();
        var invitation = await (await owner.PostAsJsonAsync("/api/accounts/invitations", new { email, displayName = email.Split('@')[0], role }))
            .Content.ReadFromJsonAsync<JsonElement>();
        using var anonymous = app.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/accounts/invitations/accept", new { token = invitation.GetProperty("token").GetString(), password = Password }))
            .EnsureSuccessStatusCode();
        var browser = NoRedirects(app);
        (await AccountsTests.LogInAsync(browser, email, Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        return browser;
    }

    /// <summary>Turns two-step sign-in on by API: the authenticator and the recovery codes.</summary>
    internal static async Task<(Totp Totp, string[] RecoveryCodes)> TurnOnAsync(FaceAttendanceApp app, HttpClient account)
    {
        var secret = (await (await account.PostAsync("/api/accounts/me/totp", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString()!;
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        var confirmed = await account.PostAsJsonAsync("/api/accounts/me/totp/confirm", new { code = Code(app, totp) });
        confirmed.StatusCode.Should().Be(HttpStatusCode.OK);
        var codes = (await confirmed.Content.ReadFromJsonAsync<TotpConfirmation>())!.RecoveryCodes;
        return (totp, codes);
    }

    internal static string Code(FaceAttendanceApp app, Totp totp) => totp.ComputeTotp(app.Clock.GetUtcNow().UtcDateTime);

    internal static string Wrong(FaceAttendanceApp app, Totp totp) =>
        ((int.Parse(Code(app, totp), CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    internal static HttpClient NoRedirects(FaceAttendanceApp app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> LogInAsync(HttpClient browser, string email, string? code) => AccountsTests.LogInAsync(browser, email, Password, code);
}
