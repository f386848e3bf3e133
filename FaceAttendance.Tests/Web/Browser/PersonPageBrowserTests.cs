using System.Net.Http.Json;
using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>The admin person page in a real browser against the real engine: add a person, enrol photos with a
/// verdict per photo, see the stored thumbnail, delete the face, erase the person, log out.</summary>
public sealed class PersonPageBrowserTests : IAsyncDisposable
{
    private const string PersonName = "Robin Park";
    private readonly string _workDir = Directory.CreateTempSubdirectory("fa-person-").FullName;
    private readonly LiveAppServer _server = new();

    [Fact]
    public async Task AdminEnrolsUploadedPhotosWithAVerdictEachThenDeletesTheFaceErasesThePersonAndLogsOut()
    {
        using var api = _server.CreateAdminClient();
        var (photo, _) = await UsableDevPhotos.PickAsync(api);
        var notAnImage = Path.Combine(_workDir, "notes.txt");
        await File.WriteAllTextAsync(notAnImage, "not a photo");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new() { BaseURL = _server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await AdminLogin.LogInAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "People", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Add person" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add and enrol faces" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Enter the person's name.");
        await page.ShouldHaveNoViolationsAsync();
        await page.GetByLabel("Name").FillAsync(PersonName);
        await page.GetByLabel("Employee id").FillAsync("E2002");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add and enrol faces" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = PersonName })).ToBeVisibleAsync();
        // created without the consent box ticked: the person page records it before any face goes in
        await page.GetByRole(AriaRole.Button, new() { Name = "Record consent" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Consent to notice version 1 recorded.");

        await page.GetByLabel("Photos").SetInputFilesAsync([photo, notAnImage]);
        // a webcam capture travels with the chosen files and gets its own verdict (Chromium's test pattern has no face)
        await page.GetByRole(AriaRole.Button, new() { Name = "Use webcam" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Take photo" }).ClickAsync();
        await Assertions.Expect(page.GetByText("1 of 3 taken. Turn your head slightly, then take the next.")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enrol photos" }).ClickAsync();
        var verdicts = page.Locator(".verdicts li");
        // in a manager's words, the engine's numbers on a line of their own
        await Assertions.Expect(verdicts.Filter(new() { HasText = Path.GetFileName(photo) })).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"Good photo\s+Face \d+ px wide, turned \d+°"));
        await Assertions.Expect(verdicts.Filter(new() { HasText = "notes.txt" })).ToContainTextAsync("Not a photo — use a JPEG, PNG or WebP file.");
        await Assertions.Expect(verdicts.Filter(new() { HasText = "webcam-1.jpg" })).ToContainTextAsync("No face found — use a photo where the face is clearly visible.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enrolled faces (1)" })).ToBeVisibleAsync();
        await page.ShouldHaveNoViolationsAsync();
        var thumbnail = page.GetByRole(AriaRole.Img, new() { Name = $"Enrolled photo 1 of {PersonName}" });
        await thumbnail.ScrollIntoViewIfNeededAsync();
        (await thumbnail.EvaluateAsync<int>("async img => { await img.decode(); return img.naturalWidth; }")).Should().BePositive();

        await page.GetByRole(AriaRole.Button, new() { Name = "Delete face 1" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enrolled faces (0)" })).ToBeVisibleAsync();

        await page.GetByText($"Erase {PersonName}…").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = $"Erase {PersonName}", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync($"{PersonName} was erased");
        await Assertions.Expect(page.GetByText("Nobody is enrolled yet.")).ToBeVisibleAsync();
        await page.ShouldHaveNoViolationsAsync();

        // what the admin (signed in with the password) did is in the audit log, newest first
        await page.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        var actions = await page.Locator("tbody tr td:nth-child(4)").AllTextContentsAsync();
        actions.Should().StartWith(["person.erased"]).And.Contain(["person.consent-recorded", "person.created", "face.enrolled", "face.removed"]);
        // (the photo probe paired a kiosk, at a site it named, through the API key first: those entries are the API key's)
        var actors = await page.Locator("tbody tr td:nth-child(2)").AllTextContentsAsync();
        actors.Zip(actions).Where(entry => !entry.Second.StartsWith("kiosk.", StringComparison.Ordinal) && !entry.Second.StartsWith("site.", StringComparison.Ordinal))
            .Select(entry => entry.First)
            .Should().AllBe("admin");
        await page.ShouldHaveNoViolationsAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await page.GotoAsync("/admin/people");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Log in", Exact = true })).ToBeVisibleAsync();
        await page.ShouldHaveNoViolationsAsync();
    }

    [Fact]
    public async Task AddingAnEmployeeIdThatDiffersOnlyBySpacesSaysItIsTaken()
    {
        using var api = _server.CreateAdminClient();
        (await api.PostAsJsonAsync("/api/people", new { employeeId = "E3003", name = "Sam Lee" })).EnsureSuccessStatusCode();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new() { BaseURL = _server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await AdminLogin.LogInAsync(page);

        await page.GotoAsync("/admin/people/create");
        await page.GetByLabel("Name").FillAsync(" Someone Else ");
        await page.GetByLabel("Employee id").FillAsync(" E3003 ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add and enrol faces" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Someone already has this employee id.");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_workDir, recursive: true);
    }
}
