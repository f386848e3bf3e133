using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FaceAttendance.Tests.Web.Sites;
using FaceAttendance.Tests.Web.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>The punch step in a real browser, with a real photo on Chromium's fake webcam and the real engine: at an
/// Automatic site a second scan soon after checking in offers "Check out now"; at a Buttons site the kiosk asks In, Out,
/// Break start or Break end, refuses one that makes no sense in words, and records the one tapped.</summary>
public sealed class PunchBrowserTests(ITestOutputHelper output) : IAsyncDisposable
{
    private const string PersonName = "Sam Taylor";
    private readonly string _workDir = Directory.CreateTempSubdirectory("fa-punch-").FullName;
    private readonly LiveAppServer _server = new();

    [Fact]
    public async Task CheckOutNowThenTheButtonsRecordWhatThePersonTaps()
    {
        using var api = _server.CreateAdminClient();
        var (enrolPhoto, webcamPhoto) = await UsableDevPhotos.PickAsync(api);
        await _server.EnrolAsync("E1001", PersonName, await File.ReadAllBytesAsync(enrolPhoto));
        var webcam = Path.Combine(_workDir, "webcam.y4m");
        FakeWebcamVideo.Write(webcamPhoto, webcam);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright, webcam);
        await using var context = await browser.NewContextAsync(new()
        {
            BaseURL = _server.BaseAddress.ToString(),
            ViewportSize = new() { Width = 768, Height = 1024 },
            Permissions = ["camera"],
        });
        var kiosk = await context.NewPageAsync();
        kiosk.Console += (_, message) => output.WriteLine($"browser console: {message.Text}");
        await BrowserKiosk.OpenPairedAsync(kiosk, api);
        var status = kiosk.GetByRole(AriaRole.Status);

        // the webcam's picture may start the first scan by itself; the rest are a tap on the screen, as a person would
        await ScanUntilVisibleAsync(kiosk, status.GetByText(new Regex("checked in at \\d\\d:\\d\\d")));
        var checkOutNow = kiosk.GetByRole(AriaRole.Button, new() { Name = "Check out now", Exact = true });
        await ScanUntilVisibleAsync(kiosk, checkOutNow);
        await Assertions.Expect(status).ToContainTextAsync(new Regex("Already checked in at \\d\\d:\\d\\d"));
        await kiosk.ShouldHaveNoViolationsAsync();
        await checkOutNow.ClickAsync();
        await Assertions.Expect(status).ToContainTextAsync(new Regex("Goodbye — checked out at \\d\\d:\\d\\d"));

        await api.SetPunchingAsync("Head office", punchMode: "buttons");
        var checkIn = kiosk.GetByRole(AriaRole.Button, new() { Name = "In", Exact = true });
        await ScanUntilVisibleAsync(kiosk, checkIn);
        await Assertions.Expect(kiosk.GetByRole(AriaRole.Group, new() { Name = "What to record" }).GetByRole(AriaRole.Button))
            .ToHaveTextAsync(["In", "Out", "Break start", "Break end"]);
        await Assertions.Expect(checkIn).ToHaveClassAsync("likely");
        await kiosk.ShouldHaveNoViolationsAsync();
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "Break end", Exact = true }).ClickAsync();
        await Assertions.Expect(status).ToContainTextAsync("You are not checked in: check in first.");
        await checkIn.ClickAsync();
        await Assertions.Expect(status).ToContainTextAsync(new Regex("Welcome back — checked in at \\d\\d:\\d\\d"));

        var events = (await api.GetFromJsonAsync<JsonElement>("/api/attendance?pageSize=100")).GetProperty("items").EnumerateArray();
        var kinds = events.OrderBy(e => e.GetProperty("recordedAt").GetDateTime()).Select(e => e.GetProperty("kind").GetString());
        kinds.Should().Equal("in", "out", "in");
    }

    /// <summary>Taps the screen to scan until <paramref name="shown"/> shows: a scan may be refused (a blurred frame), or
    /// still be showing the last answer when tapped.</summary>
    private static async Task ScanUntilVisibleAsync(IPage kiosk, ILocator shown)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Assertions.Expect(shown).ToBeVisibleAsync(new() { Timeout = 10_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 5)
            {
                await kiosk.GetByRole(AriaRole.Button, new() { Name = "Check in or out now" }).ClickAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_workDir, recursive: true);
    }
}
