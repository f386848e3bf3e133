using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;

namespace FaceAttendance.Tests.Web.Attendance;

/// <summary>Scans a paired kiosk kept while it could not reach the server and sends later, signed with its key at capture
/// time: recorded at the capture time corrected by the kiosk's clock offset, once per capture id, and only when taken
/// while the kiosk was silent (or just now); refused when unsigned, signed by another key or over another image, from a
/// kiosk without a key, from the future, past Kiosk:OfflineMaxAge, or with instants out of range.</summary>
public sealed class OfflineScanTests
{
    private static readonly DateTimeOffset Monday0900 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Snapshot = Photos.AlSharpton(6);

    [Fact]
    public async Task AScanKeptWhileTheKioskWasSilentIsRecordedWhenItWasTakenByTheServersClockAndOnceHoweverOftenItIsSent()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var paired = await app.KioskAsync(); // in contact at 09:00, when it was paired
        using var kiosk = paired.Authorise(app.CreateClient());
        app.Clock.Advance(TimeSpan.FromHours(2)); // then not a request until 11:00
        var captureId = Guid.NewGuid();
        // the kiosk's clock is 7 minutes fast; it took the scan an hour before sending it
        var kioskNow = app.Clock.GetUtcNow().AddMinutes(7);

        var first = await kiosk.PostAsync("/attendance", paired.OfflineScan(Snapshot, captureId, kioskNow.AddHours(-1), kioskNow));
        var again = await kiosk.PostAsync("/attendance", paired.OfflineScan(Snapshot, captureId, kioskNow.AddMinutes(-50), kioskNow));

        first.StatusCode.Should().Be(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        var result = (await first.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!;
        result.Status.Should().Be(AttendanceStatus.CheckedIn);
        result.RecordedAt.Should().Be(Monday0900.AddHours(1).UtcDateTime, "the capture time, corrected by the kiosk clock's 7 minutes");
        again.StatusCode.Should().Be(HttpStatusCode.OK, await again.Content.ReadAsStringAsync());
        (await again.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options)).Should().Be(result, "a capture is decided once, whatever time it is resent with");
        using var admin = app.CreateAdminClient();
        var events = (await admin.GetFromJsonAsync<JsonElement>("/api/attendance?from=2026-03-02&to=2026-03-02")).GetProperty("items");
        events.GetArrayLength().Should().Be(1);
        events[0].GetProperty("recordedOffline").GetBoolean().Should().BeTrue();
        events[0].GetProperty("recordedAt").GetDateTime().Should().Be(Monday0900.AddHours(1).UtcDateTime);
        // GET /api/attendance does not name the kiosk (yet): the database does
        (await app.StoredEventsAsync()).Should().ContainSingle().Which.KioskId.Should().Be(paired.Id);
        (await admin.GetStringAsync("/admin/attendance?from=2026-03-02&to=2026-03-02")).Should().Contain("recorded offline");
    }

    [Fact]
    public async Task AKioskInContactAllAlongCannotRecordASignedScanDatedTwentyHoursBack()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900, settings: new() { ["FaceAttendance:Kiosk:RequestsPerMinute"] = "0" });
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var paired = await app.KioskAsync();
        using var kiosk = paired.Authorise(app.CreateClient());
        // it checks in every two minutes for twenty hours, as the kiosk page does: never silent for longer than Kiosk:ContactGap
        for (var checkIn = 0; checkIn < 600; checkIn++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(2));
            (await kiosk.GetAsync("/kiosk/me")).StatusCode.Should().Be(HttpStatusCode.OK);
        }
        var now = app.Clock.GetUtcNow();

        var forged = await kiosk.PostAsync("/attendance", paired.OfflineScan(Snapshot, Guid.NewGuid(), now.AddHours(-20), now));

        await forged.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "capture-while-online");
        (await app.StoredEventsAsync()).Should().BeEmpty();
        (await app.StoredOutcomesAsync()).Should().BeEmpty();
        (await app.StoredSnapshotsAsync()).Should().BeEmpty();
        // what it may still send: a scan whose upload failed a minute ago, while it was in touch
        var justNow = await kiosk.PostAsync("/attendance", paired.OfflineScan(Snapshot, Guid.NewGuid(), now.AddMinutes(-1), now));
        justNow.StatusCode.Should().Be(HttpStatusCode.OK, await justNow.Content.ReadAsStringAsync());
        (await app.StoredEventsAsync()).Should().ContainSingle().Which.RecordedAt.Should().Be(now.AddMinutes(-1).UtcDateTime);
    }

    [Fact]
    public async Task AScanSignedByAnotherKeyOrOverAnotherImageOrNotSignedIsRefused()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var paired = await app.KioskAsync();
        using var other = await app.PairKioskAsync("Back door");
        using var kiosk = paired.Authorise(app.CreateClient());
        app.Clock.Advance(TimeSpan.FromHours(2));
        var now = app.Clock.GetUtcNow();
        var (captureId, capturedAt) = (Guid.NewGuid(), now.AddHours(-1));
        var captured = capturedAt.ToString("O", CultureInfo.InvariantCulture);

        var answers = new[]
        {
            await kiosk.PostAsync("/attendance", paired.OfflineScan(Snapshot, captureId, capturedAt, now,
                signature: other.Sign(captureId.ToString(), captured, Snapshot))),
            await kiosk.PostAsync("/attendance", paired.OfflineScan(Snapshot, captureId, capturedAt, now,
                signature: paired.Sign(captureId.ToString(), captured, Photos.AlSharpton(7)))),
            await kiosk.PostAsync("/attendance", paired.OfflineScan(Snapshot, captureId, capturedAt, now,
                signature: paired.Sign(captureId.ToString(), now.ToString("O", CultureInfo.InvariantCulture), Snapshot))),
            await kiosk.PostAsync("/attendance", paired.OfflineScan(Snapshot, captureId, capturedAt, now, signature: "not base64url!")),
        };

        foreach (var answer in answers)
        {
            await answer.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "capture-signature-invalid");
        }
        (await app.StoredEventsAsync()).Should().BeEmpty();
        (await app.StoredOutcomesAsync()).Should().BeEmpty();
        (await app.StoredSnapshotsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task AKioskPairedWithoutAKeyCanOnlyScanOnline()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var keyless = await app.PairKioskAsync("Keyless", withKey: false);
        using var kiosk = keyless.Authorise(app.CreateClient());
        app.Clock.Advance(TimeSpan.FromHours(2));
        var now = app.Clock.GetUtcNow();

        var offline = await kiosk.PostAsync("/attendance", keyless.OfflineScan(Snapshot, Guid.NewGuid(), now.AddHours(-1), now));
        var me = await kiosk.GetFromJsonAsync<JsonElement>("/kiosk/me");
        var online = await kiosk.PostAsync("/attendance", FaceAttendanceApp.ImageForm(Snapshot, "image/jpeg"));

        await offline.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "offline-scan-not-allowed");
        me.GetProperty("canScanOffline").GetBoolean().Should().BeFalse();
        online.StatusCode.Should().Be(HttpStatusCode.OK, await online.Content.ReadAsStringAsync());
        (await app.StoredEventsAsync()).Should().ContainSingle().Which.RecordedOffline.Should().BeFalse();
    }

    [Fact]
    public async Task AScanTakenAfterItWasSentOrLongerAgoThanOfflineMaxAgeOrMalformedIsRefused()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var paired = await app.KioskAsync();
        using var kiosk = paired.Authorise(app.CreateClient());
        app.Clock.Advance(TimeSpan.FromHours(26)); // silent for longer than Kiosk:OfflineMaxAge (24 h)
        var now = app.Clock.GetUtcNow();

        var inFuture = await kiosk.PostAsync("/attendance", paired.OfflineScan(Snapshot, Guid.NewGuid(), now.AddMinutes(1), now));
        var tooOld = await kiosk.PostAsync("/attendance", paired.OfflineScan(Snapshot, Guid.NewGuid(), now.AddHours(-25), now));
        var noSentAt = await kiosk.PostAsync("/attendance", paired.OfflineScan(Snapshot, Guid.NewGuid(), now.AddHours(-1), sentAt: null));

        await inFuture.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "capture-in-future");
        await tooOld.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "capture-too-old");
        await noSentAt.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "capture-malformed");
        (await app.StoredEventsAsync()).Should().BeEmpty();
        (await app.StoredSnapshotsAsync()).Should().BeEmpty();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)] // sentAt in the calendar's last seconds, where adding the clock jitter to it overflowed (a 500)
    public async Task CaptureTimesThatWouldLeaveTheCalendarAre400NotAServerError(bool sentAtTheVeryEnd)
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        var paired = await app.KioskAsync();
        using var kiosk = paired.Authorise(app.CreateClient());
        var sentAt = sentAtTheVeryEnd ? DateTimeOffset.MaxValue : DateTimeOffset.MaxValue.AddDays(-1);

        var response = await kiosk.PostAsync("/attendance", paired.OfflineScan(Snapshot, Guid.NewGuid(), DateTimeOffset.MinValue, sentAt));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "capture-time-out-of-range");
    }
}
