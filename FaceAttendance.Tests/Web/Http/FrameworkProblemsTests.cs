using System.Net;
using System.Text;
using FaceAttendance.Tests.Web.Support;

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
}
