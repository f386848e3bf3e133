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
    private const string Password = "a long enough passphrase";

    [Fact]
    public async Task AnAccountThatConfirmedItsAuthenticatorSignsInOnlyWithItsCurrentCode()
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();
        var invitation = await (await owner.PostAsJsonAsync("/api/accounts/invitations", new { email = "tom@example.com", displayName = "Tom", role = Roles.Admin }))
            .Content.ReadFromJsonAsync<JsonElement>();
        using var anonymous = app.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/accounts/invitations/accept", new { token = invitation.GetProperty("token").GetString(), password = Password }))
            .EnsureSuccessStatusCode();
        using var tom = NoRedirects(app);
        (await AccountsTests.LogInAsync(tom, "tom@example.com", Password)).StatusCode.Should().Be(HttpStatusCode.Redirect);

        var enrolment = await (await tom.PostAsync("/api/accounts/me/totp", null)).Content.ReadFromJsonAsync<JsonElement>();
        var secret = enrolment.GetProperty("secret").GetString()!;
        enrolment.GetProperty("otpAuthUri").GetString().Should().StartWith("otpauth://totp/FaceAttendance%3Atom%40example.com?secret=" + secret);
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        string Code() => totp.ComputeTotp(app.Clock.GetUtcNow().UtcDateTime);
        string Wrong() => ((int.Parse(Code(), System.Globalization.CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        await (await tom.PostAsJsonAsync("/api/accounts/me/totp/confirm", new { code = Wrong() })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "totp-code-wrong");
        (await tom.PostAsJsonAsync("/api/accounts/me/totp/confirm", new { code = Code() })).StatusCode.Should().Be(HttpStatusCode.NoContent);

        using var laptop = NoRedirects(app);
        (await LogInAsync(laptop, null)).StatusCode.Should().Be(HttpStatusCode.OK, "the password alone is not enough any more");
        (await LogInAsync(laptop, Wrong())).StatusCode.Should().Be(HttpStatusCode.OK);
        (await LogInAsync(laptop, Code())).StatusCode.Should().Be(HttpStatusCode.Redirect);

        Task<HttpResponseMessage> LogInAsync(HttpClient browser, string? code) => AccountsTests.LogInAsync(browser, "tom@example.com", Password, code);
    }

    [Fact]
    public async Task TheApiKeyHasNoSecondFactorToEnrol()
    {
        await using var app = new FaceAttendanceApp();
        using var key = app.CreateAdminClient();

        await (await key.PostAsync("/api/accounts/me/totp", null)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "not-an-account");
    }

    private static HttpClient NoRedirects(FaceAttendanceApp app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
