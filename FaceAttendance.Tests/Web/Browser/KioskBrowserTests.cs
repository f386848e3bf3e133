using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FaceAttendance.Tests.Web.Hosting.Lambda;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>End to end through a real browser: Chromium's fake webcam shows a photo of a person; the admin enrols them with
/// three webcam photos on the person page, the kiosk must capture, upload and show their name, and the attendance log
/// shows the event's snapshot.</summary>
public sealed class KioskBrowserTests(ITestOutputHelper output) : IAsyncDisposable
{
    private const string PersonName = "Sam Taylor";
    private readonly string _workDir = Directory.CreateTempSubdirectory("fa-kiosk-").FullName;
    private readonly LiveAppServer _server = new();

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the same app hosted as a Lambda function behind an API Gateway emulator
    public async Task KioskChecksInTheEnrolledPersonTheWebcamSeesAndTheAdminPagesShowIt(bool throughLambda)
    {
        await using var lambda = throughLambda ? await LambdaApp.StartAsync() : null;
        var baseAddress = lambda?.BaseAddress ?? _server.BaseAddress;
        using var api = lambda?.CreateAdminClient() ?? _server.CreateAdminClient();
        var (_, webcamPhoto) = await UsableDevPhotos.PickAsync(api);
        using var created = await api.PostAsJsonAsync("/api/people", new { employeeId = "E1001", name = PersonName, consent = true });
        var personId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var webcam = Path.Combine(_workDir, "webcam.y4m");
        FakeWebcamVideo.Write(webcamPhoto, webcam);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright, webcam);
        await using var context = await browser.NewContextAsync(new()
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new() { Width = 768, Height = 1024 },
            Permissions = ["camera"],
        });
        var enrolment = await context.NewPageAsync();
        await AdminLogin.LogInAsync(enrolment);
        await enrolment.GotoAsync($"/admin/people/details/{personId}");
        await enrolment.GetByRole(AriaRole.Button, new() { Name = "Use webcam" }).ClickAsync();
        for (var shot = 1; shot <= 3; shot++)
        {
            await enrolment.GetByRole(AriaRole.Button, new() { Name = "Take photo" }).ClickAsync();
        }
        await Assertions.Expect(enrolment.GetByText("3 photos taken.")).ToBeVisibleAsync();
        await enrolment.GetByRole(AriaRole.Button, new() { Name = "Enrol photos" }).ClickAsync();
        await Assertions.Expect(enrolment.GetByRole(AriaRole.Heading, new() { Name = "Enrolled faces (3)" })).ToBeVisibleAsync();
        await enrolment.ShouldHaveNoViolationsAsync();
        await enrolment.CloseAsync();

        var kiosk = await context.NewPageAsync();
        kiosk.Console += (_, message) => output.WriteLine($"browser console: {message.Text}");
        kiosk.Response += (_, response) => output.WriteLine($"{response.Request.Method} {response.Url} -> {response.Status}");
        await BrowserKiosk.OpenPairedAsync(kiosk, api);
        await kiosk.ShouldHaveNoViolationsAsync();

        // the motion trigger may fire on a frame before the face is steady; a tap asks again, as a person would
        var attempt = 1;
        for (; ; attempt++)
        {
            try
            {
                await Assertions.Expect(kiosk.Locator("#outcome-name")).ToHaveTextAsync(PersonName, new() { Timeout = 20_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await kiosk.GetByRole(AriaRole.Button, new() { Name = "Check in or out now" }).ClickAsync();
            }
        }
        // after a retry the first scan may have checked in while the page was too busy to be seen showing it; the
        // dashboard below still has to count exactly one check-in
        await Assertions.Expect(kiosk.GetByRole(AriaRole.Status))
            .ToContainTextAsync(attempt == 1 ? new Regex("— checked in at \\d\\d:\\d\\d") : new Regex("checked in at \\d\\d:\\d\\d"));
        if (!throughLambda)
        {
            await SaveScreenshotAsync(kiosk, "kiosk.png");
        }
        await kiosk.ShouldHaveNoViolationsAsync();

        var dashboard = await context.NewPageAsync();
        await dashboard.SetViewportSizeAsync(1100, 760);
        await dashboard.GotoAsync("/admin"); // logged in already by the enrolment page
        await Assertions.Expect(dashboard.GetByRole(AriaRole.Region, new() { Name = "person checked in today" })).ToContainTextAsync("1");
        if (!throughLambda)
        {
            await SaveScreenshotAsync(dashboard, "admin-dashboard.png");
        }
        await dashboard.ShouldHaveNoViolationsAsync();

        // the log's CSV link is the admin API, reached with the page's admin cookie
        await dashboard.GetByRole(AriaRole.Link, new() { Name = "Attendance", Exact = true }).ClickAsync();
        var snapshot = dashboard.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex($"^Snapshot of {PersonName} at ") });
        (await snapshot.EvaluateAsync<int>("async img => { await img.decode(); return img.naturalWidth; }")).Should().BePositive();
        await dashboard.ShouldHaveNoViolationsAsync();
        var csv = await dashboard.RunAndWaitForDownloadAsync(() => dashboard.GetByRole(AriaRole.Link, new() { Name = "Export CSV" }).ClickAsync());
        (await File.ReadAllTextAsync(await csv.PathAsync())).Should().Contain(PersonName);

        await dashboard.GetByRole(AriaRole.Link, new() { Name = "Timesheets" }).ClickAsync();
        await Assertions.Expect(dashboard.GetByRole(AriaRole.Row).Filter(new() { HasText = PersonName })).ToHaveCountAsync(2);
        await dashboard.ShouldHaveNoViolationsAsync();
    }

    private async Task SaveScreenshotAsync(IPage page, string fileName) =>
        output.WriteLine($"screenshot: {await Screenshots.SaveAsync(page, fileName, ".kiosk-camera, img.snapshot")}");

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_workDir, recursive: true);
    }
}
