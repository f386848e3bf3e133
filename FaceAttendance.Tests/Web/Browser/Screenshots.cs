using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>Where the browser test saves its screenshots: docs/screenshots (which README shows) when
/// UPDATE_SCREENSHOTS=1, otherwise the test output folder so an ordinary run leaves the repo untouched.</summary>
internal static class Screenshots
{
    public static string PathFor(string fileName)
    {
        var folder = Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1"
            ? Path.Combine(TestPaths.RepoRoot, "docs", "screenshots")
            : Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, fileName);
    }

    /// <summary>Saves a full-page screenshot with the elements <paramref name="blurred"/> selects blurred away: they
    /// show real people's photos, which must not end up in the repository. Set through the CSSOM, which the pages'
    /// CSP allows (a style tag, as Playwright's own screenshot style adds, it rightly refuses).</summary>
    public static async Task<string> SaveAsync(IPage page, string fileName, string blurred)
    {
        var path = PathFor(fileName);
        await page.EvaluateAsync("selector => document.querySelectorAll(selector).forEach(e => e.style.filter = 'blur(24px) brightness(0.8)')", blurred);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        await page.EvaluateAsync("selector => document.querySelectorAll(selector).forEach(e => e.style.filter = '')", blurred);
        return path;
    }
}
