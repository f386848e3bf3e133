using System.Text.Json;
using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>The API reference at /scalar, in a real browser with every request to another host refused and recorded:
/// titled, introduced, and complete with nothing from the internet.</summary>
public sealed class ApiReferenceBrowserTests : IAsyncDisposable
{
    private readonly LiveAppServer _server = new();

    [Fact]
    public async Task TheApiReferenceIsTitledIntroducedAndLoadsNothingFromElsewhere()
    {
        using var admin = _server.CreateAdminClient();
        var document = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json")).RootElement.GetProperty("info");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new()
        {
            BaseURL = _server.BaseAddress.ToString(),
            ExtraHTTPHeaders = new Dictionary<string, string> { ["X-Api-Key"] = LiveAppServer.ApiKey },
        });
        var elsewhere = new List<string>();
        await context.RouteAsync("**/*", route =>
        {
            if (new Uri(route.Request.Url).Host == _server.BaseAddress.Host)
            {
                return route.ContinueAsync();
            }
            lock (elsewhere) { elsewhere.Add(route.Request.Url); }
            return route.AbortAsync();
        });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/scalar", new() { WaitUntil = WaitUntilState.NetworkIdle });

        document.GetProperty("title").GetString().Should().Be("FaceAttendance API");
        document.GetProperty("description").GetString().Should().Contain("X-Api-Key").And.Contain("POST /presign");
        (await page.TitleAsync()).Should().Be("FaceAttendance API");
        await Assertions.Expect(page.GetByText("The kiosk's contract and the admin API of FaceAttendance.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("/attendance").First).ToBeVisibleAsync();
        lock (elsewhere)
        {
            elsewhere.Should().BeEmpty("the reference works offline");
        }
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
