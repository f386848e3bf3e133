using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Kiosks;
using Microsoft.Playwright;

namespace FaceAttendance.Tests.Web.Browser;

/// <summary>A kiosk in a Spanish-speaking browser, at a site far from the browser's own time zone, recognises a real person
/// through the fake webcam: it greets them in Spanish, with the time of the event in the kiosk's zone, not the browser's.</summary>
public sealed partial class SpanishKioskBrowserTests : IAsyncDisposable
{
    private const string KioskZone = "Asia/Tokyo";
    private readonly string _workDir = Directory.CreateTempSubdirectory("fa-kiosk-es-").FullName;
    private readonly LiveAppServer _server = new();

    [Fact]
    public async Task ASpanishBrowsersKioskGreetsARecognisedPersonInSpanishWithTheTimeInTheKiosksZone()
    {
        using var admin = _server.CreateAdminClient();
        var (enrol, webcamPhoto) = await UsableDevPhotos.PickAsync(admin);
        await _server.EnrolAsync("E700", "Lucía Gómez", await File.ReadAllBytesAsync(enrol));
        var webcam = Path.Combine(_workDir, "webcam.y4m");
        FakeWebcamVideo.Write(webcamPhoto, webcam);
        // no language of its own: the browser's
        var added = await admin.PostAsJsonAsync("/api/kiosks", new { name = "Recepción", site = "Oficina de Tokio", timeZone = KioskZone });
        var pairing = (await added.Content.ReadFromJsonAsync<AddedKiosk>(Json.Options))!.Pairing;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright, webcam);
        await using var context = await browser.NewContextAsync(new()
        {
            BaseURL = _server.BaseAddress.ToString(),
            Permissions = ["camera"],
            Locale = "es-ES",
            TimezoneId = "America/New_York",
        });
        var kiosk = await context.NewPageAsync();
        await kiosk.GotoAsync($"/?pair={Uri.EscapeDataString(pairing.Code)}");
        await Assertions.Expect(kiosk.Locator("#kiosk-label")).ToHaveTextAsync("Recepción · Oficina de Tokio", new() { Timeout = 15_000 });
        await Assertions.Expect(kiosk.Locator("html")).ToHaveAttributeAsync("lang", "es");
        await Assertions.Expect(kiosk.Locator("#hint")).ToHaveTextAsync("Toque la pantalla o pulse Espacio para fichar la entrada o la salida.");
        await kiosk.ShouldHaveNoViolationsAsync();

        // the motion trigger may fire on a frame before the face is steady; a tap asks again, as a person would
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await Assertions.Expect(kiosk.Locator("#outcome-name")).ToHaveTextAsync("Lucía Gómez", new() { Timeout = 20_000 });
                break;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
                await kiosk.GetByRole(AriaRole.Button, new() { Name = "Fichar la entrada o la salida ahora" }).ClickAsync();
            }
        }
        var message = await kiosk.Locator("#outcome-message").InnerTextAsync();
        var clock = await kiosk.Locator("#clock").InnerTextAsync();
        await kiosk.ShouldHaveNoViolationsAsync();
        var events = (await admin.GetFromJsonAsync<Page<AttendanceEventResponse>>("/api/attendance", Json.Options))!.Items;
        var checkIn = events.Should().ContainSingle(e => e.Name == "Lucía Gómez").Subject;

        var tokyo = TimeZoneInfo.FindSystemTimeZoneById(KioskZone);
        var inTokyo = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(checkIn.RecordedAt, DateTimeKind.Utc), tokyo);
        var greeting = inTokyo.Hour < 12 ? "Buenos días" : "Buenas tardes";
        // after a retry the first scan may have checked in while the page was too busy to show it: the retry says so
        message.Should().BeOneOf([$"{greeting}: entrada registrada a las {inTokyo:HH:mm}", $"Ya registró la entrada a las {inTokyo:HH:mm}"],
            "the check-in, at Tokyo's time, in Spanish");
        var spanishWeekdays = CultureInfo.GetCultureInfo("es-ES").DateTimeFormat.DayNames;
        var clockDay = spanishWeekdays.Single(day => clock.StartsWith(day, StringComparison.Ordinal));
        var nowInTokyo = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, tokyo);
        clockDay.Should().BeOneOf(spanishWeekdays[(int)nowInTokyo.DayOfWeek], spanishWeekdays[(int)nowInTokyo.AddMinutes(-1).DayOfWeek]);
        TimeOfDay().Match(clock).Value.Should().BeOneOf($"{nowInTokyo:HH:mm}", $"{nowInTokyo.AddMinutes(-1):HH:mm}");
    }

    [GeneratedRegex(@"\d\d:\d\d")]
    private static partial Regex TimeOfDay();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_workDir, recursive: true);
    }
}
