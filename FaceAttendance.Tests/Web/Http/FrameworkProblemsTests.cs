using System.Net;
using System.Text;
using FaceAttendance.Tests.Web.Support;
using Microsoft.AspNetCore.Hosting;

namespace FaceAttendance.Tests.Web.Http;

/// <summary>The errors the framework answers itself carry a <c>code</c> too, as the README promises of every error.</summary>
public sealed class FrameworkProblemsTests
{
    [Fact]
    public async Task AWrongContentTypeAndAMissingKeyAnswerProblemsWithACode()
    {
        await using var app = new FaceAttendanceApp();
        using var kiosk = await app.CreateKioskClientAsync();
        using var client = app.CreateClient();

        var wrongType = await kiosk.PostAsync("/attendance", new StringContent("hello", Encoding.UTF8, "text/plain"));
        var anonymous = await client.GetAsync("/api/people");

        await wrongType.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Theory]
    [InlineData("/api/attendance?from=notadate", "from")]
    [InlineData("/api/attendance?siteId=zzz", "siteId")]
    public async Task AQueryValueThatDoesNotParseNamesItsParameter(string url, string parameter)
    {
        await using var app = Production();
        using var admin = app.CreateAdminClient();

        var problem = await (await admin.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "bad-request");

        problem.GetProperty("detail").GetString().Should().Contain(parameter);
    }

    [Theory]
    [InlineData("/api/accounts/invitations", "{\"email\":\"a@example.com\",\"displayName\":\"A\",\"role\":5}")]
    [InlineData("/api/accounts/invitations", "{not json")]
    public async Task ABodyThatIsNotTheEndpointsJsonSaysSo(string url, string body)
    {
        await using var app = Production();
        using var admin = app.CreateAdminClient();

        var response = await admin.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        problem.GetProperty("detail").GetString().Should().Contain("as JSON");
    }

    /// <summary>Development (the tests' default) has minimal APIs throw on a bad request by themselves; Production does not.</summary>
    private static FaceAttendanceApp Production() => new(host: host => host.UseEnvironment("Production"));
}
