using System.Net;
using System.Text.RegularExpressions;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using static FaceAttendance.Tests.Web.Admin.TotpTests;

namespace FaceAttendance.Tests.Web.Admin;

/// <summary>"Your account" (/admin/account): the signed-in account's own password and two-step sign-in.</summary>
public sealed class AccountPageTests
{
    private const string NewPassword = "another long enough passphrase";

    [Fact]
    public async Task AnAccountChangesItsPasswordOnlyWithTheCurrentOneAndAtLeastTwelveCharacters()
    {
        await using var app = new FaceAttendanceApp();
        using var ann = await SignedInAccountAsync(app, "ann@example.com", Roles.Payroll);
        var stamp = await SecurityStampAsync(app, "ann@example.com");

        (await AlertAsync(PostAsync(ann, "Password", Change("a wrong current one", NewPassword, NewPassword)))).Should().Be("The current password is not right.");
        (await AlertAsync(PostAsync(ann, "Password", Change(Password, "too short", "too short")))).Should().Be("The new password must have at least 12 characters.");
        (await AlertAsync(PostAsync(ann, "Password", Change(Password, NewPassword, NewPassword + "!")))).Should().Be("The two new passwords differ.");
        (await AlertAsync(PostAsync(ann, "Password", Change(Password, Password, Password)))).Should().Be("The new password is the current one: choose another.");
        var changed = await PostAsync(ann, "Password", Change(Password, NewPassword, NewPassword));

        changed.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ann.GetStringAsync("/admin/account")).Should().Contain("Your password was changed.");
        (await SecurityStampAsync(app, "ann@example.com")).Should().NotBe(stamp, "a new stamp is what lets other sessions be ended");
        using var browser = NoRedirects(app);
        (await AccountsTests.LogInAsync(browser, "ann@example.com", Password)).StatusCode.Should().Be(HttpStatusCode.OK, "the old password no longer works");
        (await AccountsTests.LogInAsync(browser, "ann@example.com", NewPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task TheFirstOwnersConfiguredPasswordIsChangedInTheConfigurationNotOnThePage()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = NoRedirects(app);
        (await AccountsTests.LogInAsync(owner, "", FaceAttendanceApp.AdminPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        (await owner.GetStringAsync("/admin/account")).Should().Contain("set by <code>FaceAttendance:Admin:Password</code>").And.NotContain("Change password");
        await PostAsync(owner, "Password", Change(FaceAttendanceApp.AdminPassword, NewPassword, NewPassword));

        using var browser = NoRedirects(app);
        (await AccountsTests.LogInAsync(browser, "", FaceAttendanceApp.AdminPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task TurningTwoStepSignInOnShowsAQrCodeThenTheRecoveryCodesOnlyOnce()
    {
        await using var app = new FaceAttendanceApp();
        using var ann = await SignedInAccountAsync(app, "ann@example.com");

        var enrolling = await (await PostAsync(ann, "TurnOn", [])).Content.ReadAsStringAsync();
        enrolling.Should().Contain("<img class=\"qr-code\" src=\"data:image/png;base64,");
        var secret = Regex.Match(enrolling, "id=\"totp-secret\"[^>]*>([A-Z2-7]+)<").Groups[1].Value;
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        var wrong = await (await PostAsync(ann, "Confirm", new() { ["code"] = Wrong(app, totp) })).Content.ReadAsStringAsync();
        var confirmed = await (await PostAsync(ann, "Confirm", new() { ["code"] = Code(app, totp) })).Content.ReadAsStringAsync();
        var later = await ann.GetStringAsync("/admin/account");

        Alert(wrong).Should().StartWith("That code is not the one your app shows now.");
        wrong.Should().Contain(secret, "the same key is shown again to retry");
        var recoveryCodes = Regex.Matches(confirmed, "<li><code>([^<]+)</code></li>").Select(m => m.Groups[1].Value).ToList();
        recoveryCodes.Should().HaveCount(TwoFactor.RecoveryCodeCount).And.OnlyHaveUniqueItems();
        later.Should().Contain("Two-step sign-in is <strong>on</strong>").And.Contain("You have 10 recovery codes left.");
        later.Should().NotContain(recoveryCodes[0], "recovery codes are shown once");
        using var browser = NoRedirects(app);
        (await AccountsTests.LogInAsync(browser, "ann@example.com", Password, recoveryCodes[0])).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task TurningTwoStepSignInOffNeedsThePasswordAndACurrentCode()
    {
        await using var app = new FaceAttendanceApp();
        using var ann = await SignedInAccountAsync(app, "ann@example.com");
        var (totp, _) = await TurnOnAsync(app, ann);
        app.Clock.Advance(TimeSpan.FromSeconds(30));

        const string refused = "The password or the code is not right; both are needed to turn two-step sign-in off.";
        (await AlertAsync(PostAsync(ann, "TurnOff", new() { ["currentPassword"] = "not the password", ["code"] = Code(app, totp) }))).Should().Be(refused);
        (await AlertAsync(PostAsync(ann, "TurnOff", new() { ["currentPassword"] = Password, ["code"] = Wrong(app, totp) }))).Should().Be(refused);
        (await AlertAsync(PostAsync(ann, "TurnOff", new() { ["currentPassword"] = Password, ["code"] = "" }))).Should().Be(refused);
        var off = await PostAsync(ann, "TurnOff", new() { ["currentPassword"] = Password, ["code"] = Code(app, totp) });

        off.StatusCode.Should().Be(HttpStatusCode.Redirect);
        (await ann.GetStringAsync("/admin/account")).Should().Contain("Two-step sign-in is off.").And.Contain("Turn on two-step sign-in");
        using var browser = NoRedirects(app);
        (await AccountsTests.LogInAsync(browser, "ann@example.com", Password)).StatusCode.Should().Be(HttpStatusCode.Redirect, "the password alone works again");
    }

    [Fact]
    public async Task NewRecoveryCodesNeedACurrentCodeAndReplaceTheOldOnes()
    {
        await using var app = new FaceAttendanceApp();
        using var ann = await SignedInAccountAsync(app, "ann@example.com");
        var (totp, old) = await TurnOnAsync(app, ann);

        var replayed = await AlertAsync(PostAsync(ann, "RecoveryCodes", new() { ["code"] = Code(app, totp) }));
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var renewed = await (await PostAsync(ann, "RecoveryCodes", new() { ["code"] = Code(app, totp) })).Content.ReadAsStringAsync();

        replayed.Should().StartWith("That code is not the one your app shows now (or was used already)", "the code confirmed the enrolment in this step");
        var fresh = Regex.Matches(renewed, "<li><code>([^<]+)</code></li>").Select(m => m.Groups[1].Value).ToList();
        fresh.Should().HaveCount(TwoFactor.RecoveryCodeCount).And.NotIntersectWith(old);
        using var browser = NoRedirects(app);
        (await AccountsTests.LogInAsync(browser, "ann@example.com", Password, old[0])).StatusCode.Should().Be(HttpStatusCode.OK, "the old codes stopped working");
        (await AccountsTests.LogInAsync(browser, "ann@example.com", Password, fresh[0])).StatusCode.Should().Be(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task WhenOwnersMustUseTwoStepSignInAnOwnerWithoutItReachesOnlyYourAccountUntilItIsOn()
    {
        await using var app = new FaceAttendanceApp(settings: new() { ["FaceAttendance:Accounts:RequireTwoFactorForOwners"] = "true" });
        using var manager = await SignedInAccountAsync(app, "max@example.com", Roles.Manager);
        using var owner = NoRedirects(app);
        (await AccountsTests.LogInAsync(owner, "", FaceAttendanceApp.AdminPassword)).StatusCode.Should().Be(HttpStatusCode.Redirect);
        using var key = app.CreateAdminClient();

        var page = await owner.GetAsync("/admin/people");
        page.StatusCode.Should().Be(HttpStatusCode.Redirect);
        page.Headers.Location!.OriginalString.Should().Be("/admin/account");
        await (await owner.GetAsync("/api/people")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "two-step-sign-in-required");
        (await owner.GetStringAsync("/admin/account")).Should().Contain("Owners must use two-step sign-in here: turn it on below to continue.");
        (await manager.GetAsync("/admin/people")).StatusCode.Should().Be(HttpStatusCode.OK, "only Owners are held");
        (await key.GetAsync("/api/people")).StatusCode.Should().Be(HttpStatusCode.OK, "the API key is not an account");

        var (totp, _) = await TurnOnAsync(app, owner);
        (await owner.GetAsync("/admin/people")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await owner.GetAsync("/api/people")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await owner.GetStringAsync("/admin/account")).Should().Contain("Owners must keep two-step sign-in on here").And.NotContain("Turn off two-step sign-in");
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        (await AlertAsync(PostAsync(owner, "TurnOff", new() { ["currentPassword"] = FaceAttendanceApp.AdminPassword, ["code"] = Code(app, totp) })))
            .Should().NotBeNull("an Owner cannot turn it off");
        (await owner.GetAsync("/admin/people")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheApiKeyIsNotAnAccountAndHasNoAccountPage()
    {
        await using var app = new FaceAttendanceApp();
        using var key = app.CreateAdminClient();

        await (await key.GetAsync("/admin/account")).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "not-an-account");
        await (await key.PostAsync("/admin/account?handler=TurnOn", new FormUrlEncodedContent([]))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "not-an-account");
    }

    private static Dictionary<string, string> Change(string current, string @new, string again) =>
        new() { ["Password.Current"] = current, ["Password.New"] = @new, ["Password.Again"] = again };

    /// <summary>Posts one of the page's forms as the browser would, with the antiforgery token of a fresh GET.</summary>
    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string handler, Dictionary<string, string> fields)
    {
        var page = await browser.GetStringAsync("/admin/account");
        fields["__RequestVerificationToken"] = Regex.Match(page, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        return await browser.PostAsync($"/admin/account?handler={handler}", new FormUrlEncodedContent(fields));
    }

    private static async Task<string?> AlertAsync(Task<HttpResponseMessage> posting) => Alert(await (await posting).Content.ReadAsStringAsync());

    private static string? Alert(string page) =>
        Regex.Match(page, "class=\"form-errors\" role=\"alert\">([^<]+)<") is { Success: true } match ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;

    private static async Task<string?> SecurityStampAsync(FaceAttendanceApp app, string userName)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var normalized = userName.ToUpperInvariant();
        return (await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().Users.SingleAsync(a => a.NormalizedUserName == normalized)).SecurityStamp;
    }
}
