using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;

namespace FaceAttendance.Tests.Web.Attendance;

/// <summary>Scans a kiosk kept while offline and sends later: recorded at the capture time corrected by the kiosk's
/// clock offset, once per capture id, refused past Kiosk:OfflineMaxAge, marked in the log.</summary>
public sealed class OfflineScanTests
{
    private static readonly DateTimeOffset Monday0900 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AKeptScanIsRecordedWhenItWasTakenByTheServersClockAndOnceHoweverOftenItIsSent()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await app.CreateKioskClientAsync();
        var captureId = Guid.NewGuid();
        // the kiosk's clock is 7 minutes fast; it took the scan 40 minutes before sending it
        var kioskNow = Monday0900.AddMinutes(7);
        var form = Form(captureId, capturedAt: kioskNow.AddMinutes(-40), sentAt: kioskNow);

        var first = await kiosk.PostAsync("/attendance", form());
        var again = await kiosk.PostAsync("/attendance", form());
        var tooOld = await kiosk.PostAsync("/attendance", Form(Guid.NewGuid(), kioskNow.AddHours(-25), kioskNow)());
        var malformed = await kiosk.PostAsync("/attendance", Form(Guid.NewGuid(), kioskNow, null)());

        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var result = (await first.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!;
        result.Status.Should().Be(AttendanceStatus.CheckedIn);
        result.RecordedAt.Should().Be(Monday0900.AddMinutes(-40).UtcDateTime, "the capture time, corrected by the kiosk clock's 7 minutes");
        (await again.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options)).Should().Be(result, "a capture is decided once (and recorded once, below)");
        await tooOld.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "capture-too-old");
        await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "capture-malformed");
        using var admin = app.CreateAdminClient();
        var events = (await admin.GetFromJsonAsync<JsonElement>("/api/attendance?from=2026-03-02&to=2026-03-02")).GetProperty("items");
        events.GetArrayLength().Should().Be(1);
        events[0].GetProperty("recordedOffline").GetBoolean().Should().BeTrue();
        (await admin.GetStringAsync("/admin/attendance?from=2026-03-02&to=2026-03-02")).Should().Contain("recorded offline");
    }

    [Fact]
    public async Task CaptureTimesThatWouldLeaveTheCalendarAre400NotAServerError()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        using var kiosk = await app.CreateKioskClientAsync();

        var response = await kiosk.PostAsync("/attendance", Form(Guid.NewGuid(), DateTimeOffset.MaxValue, DateTimeOffset.MinValue)());

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "capture-time-out-of-range");
    }

    private static Func<MultipartFormDataContent> Form(Guid captureId, DateTimeOffset capturedAt, DateTimeOffset? sentAt) => () =>
    {
        var form = FaceAttendanceApp.ImageForm(Photos.AlSharpton(6), "image/jpeg");
        form.Add(new StringContent(captureId.ToString()), "captureId");
        form.Add(new StringContent(capturedAt.ToString("O", CultureInfo.InvariantCulture)), "capturedAt");
        if (sentAt is { } sent)
        {
            form.Add(new StringContent(sent.ToString("O", CultureInfo.InvariantCulture)), "sentAt");
        }
        return form;
    };
}
