using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Tests.Web.Sites;
using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>
/// A paired kiosk without a network: the page still loads (its service worker), a scan is kept in the browser with its
/// capture time and signed there by the key the kiosk made at pairing, and when the network is back the scan is sent,
/// its signature checked, and recorded at the time it was taken, by that kiosk, marked "recorded offline".
/// </summary>
public sealed class OfflineKioskBrowserTests : IAsyncDisposable
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("fa-offline-").FullName;
    // the offline scan follows the online one by seconds: with the usual 2 minutes it would be "already recorded"
    private readonly LiveAppServer _server = new([new("FaceAttendance:DuplicateWindow", "00:00:00")]);

    [Fact]
    public async Task APairedKioskScansGoesOfflineScansAndItsSignedScanIsRecordedAtItsCaptureTimeWhenTheNetworkIsBack()
    {
        using var api = _server.CreateAdminClient();
        var (enrol, webcamPhoto) = await UsableDevPhotos.PickAsync(api);
        await _server.EnrolAsync("E500", "Sam Taylor", await File.ReadAllBytesAsync(enrol));
        var webcam = Path.Combine(_workDir, "webcam.y4m");
        FakeWebcamVideo.Write(webcamPhoto, webcam);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright, webcam);
        await using var context = await browser.NewContextAsync(new() { BaseURL = _server.BaseAddress.ToString(), Permissions = ["camera"] });
        // no scan is recorded while the page is being prepared (a refusal is not kept for later, as a lost network is)
        await context.RouteAsync("**/presign", route => route.FulfillAsync(new() { Status = 503 }));
        var kiosk = await context.NewPageAsync();
        var paired = await BrowserKiosk.OpenPairedAsync(kiosk, api);
        // nor a minimum gap at its site: the offline scan seconds after the check-in checks out
        await api.SetPunchingAsync("Head office", minimumGapMinutes: 0);
        await kiosk.EvaluateAsync("() => navigator.serviceWorker.ready.then(() => true)");
        await kiosk.ReloadAsync(); // now under the worker
        await kiosk.WaitForFunctionAsync("() => navigator.serviceWorker.controller !== null");
        await context.UnrouteAsync("**/presign");

        // online: the paired kiosk checks Sam in
        await Assertions.Expect(kiosk.Locator("#kiosk")).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 20_000 });
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "Check in or out now" }).ClickAsync();
        await Assertions.Expect(kiosk.Locator("#outcome-name")).ToHaveTextAsync("Sam Taylor", new() { Timeout = 20_000 });
        var online = (await api.GetFromJsonAsync<JsonElement>("/api/attendance")).GetProperty("items");
        online.EnumerateArray().Should().NotBeEmpty().And.OnlyContain(e => !e.GetProperty("recordedOffline").GetBoolean());
        await Assertions.Expect(kiosk.Locator("#kiosk")).ToHaveAttributeAsync("data-state", "ready", new() { Timeout = 10_000 });

        var before = DateTimeOffset.UtcNow;
        await context.SetOfflineAsync(true);
        await kiosk.ReloadAsync();
        await Assertions.Expect(kiosk.Locator("#outcome-message")).ToHaveTextAsync(
            new System.Text.RegularExpressions.Regex("Look at the camera|Saved — "), new() { Timeout = 20_000 });
        // the camera's first movement scans by itself; a tap does when it did not
        await kiosk.GetByRole(AriaRole.Button, new() { Name = "Check in or out now" }).ClickAsync();
        await Assertions.Expect(kiosk.Locator("#outcome-message"))
            .ToHaveTextAsync("Saved — it will be sent when the connection is back.", new() { Timeout = 20_000 });
        await Assertions.Expect(kiosk.Locator("#waiting")).ToContainTextAsync("waiting to be sent");
        var taken = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(3)); // so the capture time and the sending time differ visibly
        await context.SetOfflineAsync(false);

        JsonElement recorded = default;
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            var items = (await api.GetFromJsonAsync<JsonElement>("/api/attendance")).GetProperty("items");
            if (items.EnumerateArray().FirstOrDefault(e => e.GetProperty("recordedOffline").GetBoolean()) is { ValueKind: JsonValueKind.Object } offline)
            {
                recorded = offline;
                break;
            }
            await Task.Delay(250);
        }
        var sentBy = DateTimeOffset.UtcNow;

        recorded.ValueKind.Should().Be(JsonValueKind.Object, "the kept scan, signed by the kiosk's key, was sent and accepted once the network was back");
        recorded.GetProperty("name").GetString().Should().Be("Sam Taylor");
        recorded.GetProperty("kioskId").GetGuid().Should().Be(paired.Id, "the event names the kiosk that signed it");
        var at = recorded.GetProperty("recordedAt").GetDateTimeOffset();
        at.Should().BeOnOrAfter(before.AddSeconds(-1)).And.BeOnOrBefore(taken.AddSeconds(1), $"recorded at the capture time, not when sent ({sentBy:O})");
        await kiosk.GotoAsync("/admin");
        await AdminLogin.LogInAsync(kiosk);
        await kiosk.GotoAsync("/admin/attendance");
        // the online check-in and the offline scan: only the latter is marked, with the kiosk that made both
        var rows = kiosk.GetByRole(AriaRole.Row).Filter(new() { HasText = "Sam Taylor" });
        await Assertions.Expect(rows.Filter(new() { HasText = "recorded offline" }).First).ToContainTextAsync("Front door");
        await Assertions.Expect(rows.Filter(new() { HasNotText = "recorded offline" }).First).ToContainTextAsync("Front door");
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_workDir, recursive: true);
    }
}
