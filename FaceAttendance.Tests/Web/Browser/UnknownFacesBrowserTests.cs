using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Tests.Web.Support;
using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>The unknown-faces view: a face nobody matched is listed with its kept photo; the admin recognises the
/// person, confirms, enrols that photo for them, and the kiosk knows them from the next scan.</summary>
public sealed class UnknownFacesBrowserTests : IAsyncDisposable
{
    private readonly LiveAppServer _server = new([new("FaceAttendance:Kiosk:KeepUnknownSnapshots", "true")]);

    [Fact]
    public async Task AnAdminEnrolsTheSnapshotOfAnUnknownFaceForThePersonItShows()
    {
        await _server.EnrolAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var admin = _server.CreateAdminClient();
        (await admin.PostAsJsonAsync("/api/people", new { employeeId = "E300", name = "Atal Vajpayee", consent = true })).EnsureSuccessStatusCode();
        using var kiosk = await _server.CreateKioskClientAsync();
        var first = await Scan(kiosk, Photos.Read("Atal_Bihari_Vajpayee", 2));
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new() { BaseURL = _server.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await AdminLogin.LogInAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Unknown faces" }).ClickAsync();
        var photo = page.GetByRole(AriaRole.Img, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Unknown face at ") });
        (await photo.EvaluateAsync<int>("async img => { await img.decode(); return img.naturalWidth; }")).Should().BePositive();
        await page.ShouldHaveNoViolationsAsync();
        await page.GetByLabel(new System.Text.RegularExpressions.Regex("^Person in the ")).SelectOptionAsync(new SelectOptionValue { Label = "Atal Vajpayee (E300)" });
        await page.GetByLabel("It is them").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enrol this photo" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The photo was enrolled for Atal Vajpayee");
        await Assertions.Expect(page.GetByText("enrolled for Atal Vajpayee", new() { Exact = true })).ToBeVisibleAsync();
        await page.ShouldHaveNoViolationsAsync();
        first.GetProperty("status").GetString().Should().Be("unknown");
        var next = await Scan(kiosk, Photos.Read("Atal_Bihari_Vajpayee", 3));
        next.GetProperty("status").GetString().Should().Be("checked-in", next.ToString());
        next.GetProperty("person").GetProperty("name").GetString().Should().Be("Atal Vajpayee");
    }

    private static async Task<JsonElement> Scan(HttpClient kiosk, byte[] photo)
    {
        var response = await kiosk.PostAsync("/attendance", FaceAttendanceApp.ImageForm(photo, "image/jpeg"));
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
