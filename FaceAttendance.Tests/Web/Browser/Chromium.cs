using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>Debian's Chromium (apt-get install chromium) under Playwright, with a fake webcam playing a Y4M file (or
/// Chromium's own test pattern) whose permission prompt is accepted or, with denyCamera, refused.
/// Playwright never downloads a browser here: the executable path is always given.</summary>
internal static class Chromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright, string? fakeWebcamY4m = null, bool denyCamera = false) =>
        playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = TestPaths.Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                // nothing in the background may reach for the internet
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // headless Chromium refuses a permission prompt nobody answers; the fake UI answers yes
                .. denyCamera ? Array.Empty<string>() : ["--use-fake-ui-for-media-stream"],
                "--use-fake-device-for-media-stream",
                .. fakeWebcamY4m is null ? Array.Empty<string>() : [$"--use-file-for-fake-video-capture={fakeWebcamY4m}"],
            ],
        });
}
