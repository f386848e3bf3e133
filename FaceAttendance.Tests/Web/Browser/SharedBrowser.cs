using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>One Chromium (with its fake camera's test pattern) and one app for the tests of a class that only need
/// fresh pages: each test opens its own context, so cookies and routes do not leak between them.</summary>
public sealed class SharedBrowser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public LiveAppServer Server { get; } = new();

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(_playwright);
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}
