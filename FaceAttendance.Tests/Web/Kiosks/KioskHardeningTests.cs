using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Kiosks;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Kiosks;

/// <summary>What a hostile client tried against paired kiosks (docs/safety.md, the kiosk's trust model), each refused.</summary>
public sealed class KioskHardeningTests
{
    private static readonly DateTimeOffset Monday0900 = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Snapshot = Photos.AlSharpton(6);

    [Fact]
    public async Task AnOfflineCaptureIdChosenToMatchAnUploadCannotLeaveItsImageUnkept()
    {
        await using var app = new FaceAttendanceApp(); // upload URLs are signed by the real clock
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var paired = await app.KioskAsync();
        using var kiosk = paired.Authorise(app.CreateClient());
        var upload = await FaceAttendanceApp.PresignAsync(kiosk);
        (await FaceAttendanceApp.UploadAsync(kiosk, upload, Photos.AlSharpton(2))).EnsureSuccessStatusCode();
        var uploadId = Guid.ParseExact(Path.GetFileNameWithoutExtension(upload.Key), "N");
        var now = app.Clock.GetUtcNow();

        var colliding = await kiosk.PostAsync("/attendance", paired.OfflineScan(Snapshot, uploadId, now.AddMinutes(-1), now));

        await colliding.ShouldBeProblemAsync(HttpStatusCode.Conflict, "capture-conflict");
        (await app.StoredEventsAsync()).Should().BeEmpty("an event whose judged image is not kept would have no evidence");
    }

    [Fact]
    public async Task AnUploadOfAKioskRevokedSinceRecordsNothingWhenS3sEventDecidesIt()
    {
        await using var app = new FaceAttendanceApp();
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var paired = await app.KioskAsync();
        using var kiosk = paired.Authorise(app.CreateClient());
        var upload = await FaceAttendanceApp.PresignAsync(kiosk);
        (await FaceAttendanceApp.UploadAsync(kiosk, upload, Snapshot)).EnsureSuccessStatusCode();
        using var admin = app.CreateAdminClient();
        (await admin.PostAsync($"/api/kiosks/{paired.Id}/revoke", null)).EnsureSuccessStatusCode();

        // what the S3 event path (Hosting/Lambda/S3EventRecorder) asks, with no kiosk request to authenticate
        await using var scope = app.Services.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ScanDecider>().DecideAsync(new Scan.Uploaded(upload.Key), CancellationToken.None);

        outcome.Refusal!.Code.Should().Be("kiosk-unpaired");
        (await app.StoredEventsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task AScanSentLateJustBeforeAnOnlineOneIsTheSameCheckInNotASecond()
    {
        await using var app = new FaceAttendanceApp(); // upload URLs are signed by the real clock
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var paired = await app.KioskAsync();
        using var kiosk = paired.Authorise(app.CreateClient());
        var takenOffline = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromSeconds(40));
        (await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(7))).Status.Should().Be(AttendanceStatus.CheckedIn);
        var now = app.Clock.GetUtcNow();

        var late = await kiosk.PostAsync("/attendance", paired.OfflineScan(Snapshot, Guid.NewGuid(), takenOffline, now));

        (await late.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!.Status.Should().Be(AttendanceStatus.AlreadyRecorded);
        (await app.StoredEventsAsync()).Should().ContainSingle("the online check-in 40 s later is the same visit");
    }

    [Fact]
    public async Task ScansFromLastNightsSilenceAreNotTakenAllDayAfterTheKioskCameBack()
    {
        await using var app = new FaceAttendanceApp(now: Monday0900);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var paired = await app.KioskAsync();
        using var kiosk = paired.Authorise(app.CreateClient());
        var silentAt = app.Clock.GetUtcNow();
        app.Clock.Advance(TimeSpan.FromHours(10)); // silent overnight
        (await kiosk.GetAsync("/kiosk/me")).EnsureSuccessStatusCode(); // back
        for (var minute = 0; minute < 20; minute++)
        {
            app.Clock.Advance(TimeSpan.FromMinutes(1));
            (await kiosk.GetAsync("/kiosk/me")).EnsureSuccessStatusCode(); // in touch every minute since
        }
        var now = app.Clock.GetUtcNow();

        var lastNight = await kiosk.PostAsync("/attendance", paired.OfflineScan(Snapshot, Guid.NewGuid(), silentAt.AddHours(3), now));

        await lastNight.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "capture-while-online");
        (await app.StoredEventsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task APublicKeyWithExplicitCurveParametersOrTrailingBytesIsRefusedNotAServerError()
    {
        await using var app = new FaceAttendanceApp();
        using var admin = app.CreateAdminClient();
        var added = await PairedKioskClient.AddAsync(admin);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var explicitCurve = ECDsa.Create(key.ExportExplicitParameters(false));
        var named = key.ExportSubjectPublicKeyInfo();

        foreach (var spki in new[] { explicitCurve.ExportSubjectPublicKeyInfo(), [.. named, 0, 1, 2] })
        {
            var viaAdmin = await admin.PostAsJsonAsync($"/api/kiosks/{added.Kiosk.Id}/token", new { publicKey = Convert.ToBase64String(spki) });
            using var browser = app.CreateClient();
            var viaCode = await browser.PostAsJsonAsync("/kiosk/pair", new { code = added.Pairing.Code, publicKey = Convert.ToBase64String(spki) });

            await viaAdmin.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-public-key");
            await viaCode.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-public-key");
        }
    }

    [Fact]
    public async Task TheKioskCookieIsRefusedFromAnotherPageOfTheSiteAndAnAdminKeyStillUploadsBesideAStaleOne()
    {
        await using var app = new FaceAttendanceApp();
        using var admin = app.CreateAdminClient();
        var added = await PairedKioskClient.AddAsync(admin);
        using var browser = app.CreateClient(); // keeps cookies, as a browser does
        (await browser.PostAsJsonAsync("/kiosk/pair", new { code = added.Pairing.Code })).EnsureSuccessStatusCode();

        var fromKioskPage = await Presign(browser, "same-origin");
        var fromSiblingPage = await Presign(browser, "same-site");
        (await admin.PostAsync($"/api/kiosks/{added.Kiosk.Id}/revoke", null)).EnsureSuccessStatusCode();
        browser.DefaultRequestHeaders.Add("X-Api-Key", FaceAttendanceApp.ApiKey);
        var adminBesideStaleCookie = await Presign(browser, "same-origin");

        fromKioskPage.StatusCode.Should().Be(HttpStatusCode.OK);
        await fromSiblingPage.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "cross-site-request");
        adminBesideStaleCookie.StatusCode.Should().Be(HttpStatusCode.OK, "an API key is an admin's upload, whatever cookie the browser kept");
    }

    private static Task<HttpResponseMessage> Presign(HttpClient client, string fetchSite)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/presign") { Content = JsonContent.Create(new { contentType = "image/jpeg" }) };
        request.Headers.Add("Sec-Fetch-Site", fetchSite);
        return client.SendAsync(request);
    }
}
