using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Http;
using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>"Use PIN" at a real kiosk page against the real server: Chromium's fake camera shows its test pattern (no
/// face), so the PIN punch is recorded with its snapshot and flagged for review, and the attendance log says so.</summary>
public sealed class KioskPinBrowserTests(SharedBrowser shared) : IClassFixture<SharedBrowser>
{
    [Fact]
    public async Task APersonChecksInWithTheirPinOnTheKeypadAndTheLogFlagsItForReview()
    {
        using var admin = shared.Server.CreateAdminClient();
        using var created = await admin.PostAsJsonAsync("/api/people", new { employeeId = "P2001", name = "Pat Lee", consent = true });
        var personId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await admin.PutAsJsonAsync($"/api/people/{personId}/pin", new { pin = "4826" })).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await using var context = await shared.Browser.NewContextAsync(new()
        {
            BaseURL = shared.Server.BaseAddress.ToString(),
            ViewportSize = new() { Width = 768, Height = 1024 },
        });
        var kiosk = await context.NewPageAsync();
        await BrowserKiosk.OpenPairedAsync(kiosk, admin, "PIN door");

        await kiosk.GetByRole(AriaRole.Button, new() { Name = "Use PIN" }).ClickAsync();
        await kiosk.GetByLabel("Employee id").FillAsync("P2001");
        await kiosk.GetByLabel("PIN", new() { Exact = true }).FocusAsync();
        await kiosk.Keyboard.TypeAsync("1357");
        await kiosk.Keyboard.PressAsync("Enter");
        await Assertions.Expect(kiosk.Locator("#outcome-message")).ToHaveTextAsync("That employee id and PIN do not match. Please try again, or see a manager.");

        await kiosk.GetByRole(AriaRole.Button, new() { Name = "Use PIN" }).ClickAsync();
        await kiosk.GetByLabel("Employee id").FillAsync("P2001");
        await kiosk.GetByLabel("PIN", new() { Exact = true }).FocusAsync();
        foreach (var digit in "4826")
        {
            await kiosk.GetByRole(AriaRole.Button, new() { Name = digit.ToString(), Exact = true }).ClickAsync();
        }
        await kiosk.ShouldHaveNoViolationsAsync();
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "OK" }).ClickAsync();

        await Assertions.Expect(kiosk.Locator("#outcome-name")).ToHaveTextAsync("Pat Lee");
        await Assertions.Expect(kiosk.GetByRole(AriaRole.Status)).ToContainTextAsync(new Regex("checked in at \\d\\d:\\d\\d"));
        var events = (await admin.GetFromJsonAsync<Page<AttendanceEventResponse>>($"/api/attendance?personId={personId}", Json.Options))!.Items;
        var recorded = events.Should().ContainSingle().Subject;
        (recorded.Method, recorded.PinFaceCheck).Should().Be((AttendanceMethod.Pin, PinFaceCheck.NoFace));
        (await admin.GetAsync($"/api/attendance/{recorded.Id}/snapshot")).StatusCode.Should().Be(HttpStatusCode.OK, "the camera's snapshot is kept");

        var log = await context.NewPageAsync();
        await AdminLogin.LogInAsync(log);
        await log.GotoAsync($"/admin/attendance?method=Pin&personId={personId}");
        var row = log.GetByRole(AriaRole.Row).Filter(new() { HasText = "Pat Lee" });
        await Assertions.Expect(row).ToContainTextAsync("PIN");
        await Assertions.Expect(row).ToContainTextAsync("Review: no face in the snapshot");
        await log.ShouldHaveNoViolationsAsync();
    }
}
