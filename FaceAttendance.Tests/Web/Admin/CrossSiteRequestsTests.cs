using System.Net;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;

namespace FaceAttendance.Tests.Web.Admin;

/// <summary>An Owner's cookie does not let another site's page, not even a sibling subdomain's (SameSite=Strict lets
/// that through), change anything through the API.</summary>
public sealed class CrossSiteRequestsTests
{
    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "http://evil.sub.test")]
    [InlineData("Origin", "http://localhost:8080")]
    [InlineData("Origin", "null")]
    public async Task AFormPostedFromAnotherOriginWithTheOwnersCookieIsRefused(string header, string value)
    {
        await using var app = new FaceAttendanceApp();
        var target = await app.OpenAccountAsync("target@example.com", Roles.Viewer);
        using var owner = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);

        var response = await owner.SendAsync(Disable(target, (header, value)));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "cross-site-request");
        (await owner.SendAsync(Disable(target))).StatusCode.Should().Be(HttpStatusCode.OK, "the account was not disabled before");
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "same-origin", "Origin", "http://localhost")]
    [InlineData("Sec-Fetch-Site", "none", "Origin", "null")]
    [InlineData("Origin", "http://localhost", "X-Other", "")]
    [InlineData("X-Other", "", "X-Other", "")]
    public async Task TheAdminPagesOwnRequestsAndScriptsWithoutBrowserHeadersPass(string header, string value, string other, string otherValue)
    {
        await using var app = new FaceAttendanceApp();
        var target = await app.OpenAccountAsync("target@example.com", Roles.Viewer);
        using var owner = await app.SignedInBrowserAsync("admin", FaceAttendanceApp.AdminPassword);

        var response = await owner.SendAsync(Disable(target, (header, value), (other, otherValue)));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnApiKeyIsNotACookieAndPassesWithAForeignOrigin()
    {
        await using var app = new FaceAttendanceApp();
        var target = await app.OpenAccountAsync("target@example.com", Roles.Viewer);
        using var client = app.CreateAdminClient();

        var response = await client.SendAsync(Disable(target, ("Origin", "http://evil.sub.test"), ("Sec-Fetch-Site", "cross-site")));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    /// <summary>What a page elsewhere can make a browser send without a preflight: a form post.</summary>
    private static HttpRequestMessage Disable(Guid account, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/accounts/{account}/disable")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>()),
        };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return request;
    }
}
