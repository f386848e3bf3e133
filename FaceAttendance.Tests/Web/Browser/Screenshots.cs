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
}
