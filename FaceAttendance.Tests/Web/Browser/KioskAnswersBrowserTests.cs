using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>
/// What the kiosk says for every answer the server can give, with the server's answer to /attendance stood in by the
/// browser (the real server's answers are KioskBrowserTests' and the API tests'), and its layout on a phone, a tablet
/// held upright and a 1080p screen.
/// </summary>
public sealed partial class KioskAnswersBrowserTests(SharedBrowser shared) : IClassFixture<SharedBrowser>
{
    public static TheoryData<int, string, string> Answers => new()
    {
        { 200, """{"status":"checked-in","person":{"name":"Sam Taylor"},"recordedAt":"2026-12-02T09:02:00Z","kind":"in","firstToday":true}""", "Good morning — checked in at 09:02" },
        { 200, """{"status":"checked-in","person":{"name":"Sam Taylor"},"recordedAt":"2026-12-02T13:05:00Z","kind":"in","firstToday":false}""", "Welcome back — checked in at 13:05" },
        { 200, """{"status":"checked-out","person":{"name":"Sam Taylor"},"recordedAt":"2026-12-02T17:31:00Z","kind":"out"}""", "Goodbye — checked out at 17:31" },
        { 200, """{"status":"already-recorded","person":{"name":"Sam Taylor"},"recordedAt":"2026-12-02T09:02:00Z","kind":"in"}""", "Already checked in at 09:02" },
        { 200, """{"status":"already-recorded","person":{"name":"Sam Taylor"},"recordedAt":"2026-12-02T17:31:00Z","kind":"out"}""", "Already checked out at 17:31" },
        { 200, """{"status":"unknown","person":null,"recordedAt":"2026-12-02T09:02:00Z"}""", "Not recognised. Please try again, or see an administrator to be enrolled." },
        { 422, """{"status":422,"code":"multiple-faces"}""", "More than one face. Please step up one at a time." },
        { 422, """{"status":422,"code":"poor-quality","reasons":["too-dark","head-turned"]}""", "The picture was not clear enough. More light is needed. Please face the camera." },
        { 422, """{"status":422,"code":"not-live"}""", "That did not look like a live face. Please look at the camera yourself, without a photo or screen." },
        { 422, """{"status":422,"code":"head-not-turned"}""", "Please turn your head the way the arrow shows, then try again." },
        { 410, """{"status":410,"code":"snapshot-expired"}""", "That took too long. Please try again." },
        { 507, """{"status":507,"code":"insufficient-storage"}""", "The kiosk cannot save scans right now. Please see an administrator." },
        { 503, """{"status":503,"code":"database-unavailable"}""", "The server had a problem. Please see an administrator." },
        { 400, """{"status":400,"code":"something-new"}""", "That did not work. Please try again." },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task EveryAnswerIsOnePlainSentenceAndNeverACode(int status, string answer, string expected)
    {
        await using var context = await shared.Browser.NewContextAsync(new() { BaseURL = shared.Server.BaseAddress.ToString(), TimezoneId = "UTC" });
        await context.RouteAsync("**/attendance", route => route.Request.Method == "POST"
            ? route.FulfillAsync(new() { Status = status, ContentType = "application/json", Body = answer })
            : route.ContinueAsync());
        var kiosk = await context.NewPageAsync();
        using var admin = shared.Server.CreateAdminClient();
        await BrowserKiosk.OpenPairedAsync(kiosk, admin);

        // the camera's moving test pattern triggers a scan by itself; a tap would too
        await Assertions.Expect(kiosk.Locator("#outcome-message")).ToHaveTextAsync(expected, new() { Timeout = 30_000 });
        var shown = await kiosk.GetByRole(AriaRole.Status).InnerTextAsync();
        Code().IsMatch(shown).Should().BeFalse($"'{shown}' shows no code");
    }

    [Theory]
    [InlineData(390, 844)]   // a phone
    [InlineData(768, 1024)]  // a tablet held upright
    [InlineData(1920, 1080)] // a 1080p screen
    public async Task TheKioskFitsTheScreenAndSaysEachThingOnce(int width, int height)
    {
        await using var context = await shared.Browser.NewContextAsync(new()
        {
            BaseURL = shared.Server.BaseAddress.ToString(),
            ViewportSize = new() { Width = width, Height = height },
        });
        // no scan is recorded or kept while the layout is measured
        await context.RouteAsync("**/presign", route => route.FulfillAsync(new() { Status = 503 }));
        var kiosk = await context.NewPageAsync();
        using var admin = shared.Server.CreateAdminClient();
        await BrowserKiosk.OpenPairedAsync(kiosk, admin);

        // the moving test pattern keeps starting scans, whose answers replace the idle screen: the page is measured in
        // one script turn, which no scan can interleave with, at a moment it is idle
        var measured = await kiosk.WaitForFunctionAsync("""
            () => {
              if (document.getElementById("kiosk").dataset.state !== "ready") return null;
              const box = (selector) => {
                const r = document.querySelector(selector).getBoundingClientRect();
                return { x: r.x, y: r.y, width: r.width, height: r.height };
              };
              return JSON.stringify({
                text: document.body.innerText,
                fits: document.documentElement.scrollWidth <= window.innerWidth,
                boxes: Object.fromEntries(["#outcome-message", "#hint", "#clock", ".kiosk-admin", ".kiosk-panel"].map((s) => [s, box(s)])),
              });
            }
            """, null, new() { Timeout = 30_000 });
        var layout = JsonDocument.Parse(await measured.JsonValueAsync<string>()).RootElement;
        var text = layout.GetProperty("text").GetString()!;
        Regex.Matches(text, "Look at the camera").Count.Should().Be(1, text);
        layout.GetProperty("fits").GetBoolean().Should().BeTrue("nothing runs off the side");
        var boxes = layout.GetProperty("boxes");
        (double X, double Y, double Width, double Height) Box(string part)
        {
            var b = boxes.GetProperty(part);
            return (b.GetProperty("x").GetDouble(), b.GetProperty("y").GetDouble(), b.GetProperty("width").GetDouble(), b.GetProperty("height").GetDouble());
        }
        foreach (var part in new[] { "#outcome-message", "#hint", "#clock", ".kiosk-admin" })
        {
            var box = Box(part);
            (box.Width > 0 && box.X >= 0 && box.Y >= 0 && box.X + box.Width <= width && box.Y + box.Height <= height).Should()
                .BeTrue($"{part} is on screen: {box.X},{box.Y} {box.Width}x{box.Height}");
        }
        var (panel, hint) = (Box(".kiosk-panel"), Box("#hint"));
        (hint.Y >= panel.Y + panel.Height || hint.Y + hint.Height <= panel.Y).Should().BeTrue("the hint does not cover the answer");
        await kiosk.ShouldHaveNoViolationsAsync();
    }

    [Theory]
    [InlineData(390, 844, "left")]   // a phone
    [InlineData(1024, 768, "right")] // a tablet on its side
    public async Task TheTurnTheServerAsksForIsShownLargeWithAnArrowWhileTheBurstIsTaken(int width, int height, string turn)
    {
        await using var context = await shared.Browser.NewContextAsync(new()
        {
            BaseURL = shared.Server.BaseAddress.ToString(),
            ViewportSize = new() { Width = width, Height = height },
        });
        // the server's side stood in: a burst of three upload URLs with the turn to ask for, and the answer to a still face
        var frames = Enumerable.Range(1, 3).Select(i => new
        {
            key = $"snapshots/frame-{i}.jpg", uploadUrl = $"/stand-in-upload/{i}", method = "PUT",
            headers = new Dictionary<string, string>(), expiresAt = DateTimeOffset.UtcNow.AddMinutes(5),
        }).ToList();
        var presigned = JsonSerializer.Serialize(new { frames[0].key, frames[0].uploadUrl, frames[0].method, frames[0].headers, frames[0].expiresAt, frames, turn });
        await context.RouteAsync("**/presign", route => route.FulfillAsync(new() { Status = 200, ContentType = "application/json", Body = presigned }));
        await context.RouteAsync("**/stand-in-upload/*", route => route.FulfillAsync(new() { Status = 200 }));
        await context.RouteAsync("**/attendance", route => route.Request.Method == "POST"
            ? route.FulfillAsync(new() { Status = 422, ContentType = "application/json", Body = """{"status":422,"code":"head-not-turned"}""" })
            : route.ContinueAsync());
        var kiosk = await context.NewPageAsync();
        using var admin = shared.Server.CreateAdminClient();
        await BrowserKiosk.OpenPairedAsync(kiosk, admin);

        // the camera's moving test pattern starts a scan by itself; the prompt shows between its first frame and its last
        var prompt = kiosk.Locator("#turn");
        await Assertions.Expect(prompt).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(prompt).ToHaveTextAsync($"Turn your head to your {turn}");
        var arrow = await kiosk.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.kiosk-turn-arrow'), '::before').content");
        var box = (await prompt.BoundingBoxAsync())!;
        var fontSize = await prompt.EvaluateAsync<string>("e => getComputedStyle(e).fontSize");
        await kiosk.ScreenshotAsync(new() { Path = Screenshots.PathFor($"kiosk-turn-{width}x{height}.png") });

        arrow.Should().Be(turn == "left" ? "\"←\"" : "\"→\"", "the preview is mirrored: the person's own left is the screen's left");
        (box.X >= 0 && box.Y >= 0 && box.X + box.Width <= width && box.Y + box.Height <= height).Should()
            .BeTrue($"the prompt is on screen: {box.X},{box.Y} {box.Width}x{box.Height}");
        double.Parse(fontSize.TrimEnd('p', 'x'), System.Globalization.CultureInfo.InvariantCulture).Should().BeGreaterThanOrEqualTo(22, "it is read at arm's length");
        await Assertions.Expect(kiosk.Locator("#outcome-message")).ToHaveTextAsync($"Please turn your head to your {turn} when the arrow shows, then try again.",
            new() { Timeout = 10_000 });
        await Assertions.Expect(prompt).ToBeHiddenAsync();
    }

    // a problem code as the API spells it: lower-case words joined by hyphens
    [GeneratedRegex(@"\b[a-z]+-[a-z]+\b")]
    private static partial Regex Code();
}
