using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Kiosks;

/// <summary>Only a paired kiosk reaches the kiosk routes, and each kiosk only its own snapshots: another kiosk's keys are
/// unknown to it, its upload URLs refused; the request limit and the hourly upload quota are each kiosk's own, and each
/// event records the kiosk that took it. An admin may still upload a photo to enrol by key, which no kiosk can post.</summary>
public sealed class KioskAccessTests
{
    [Fact]
    public async Task WithoutAPairedKioskEveryKioskRouteAnswers401AndNothingIsStored()
    {
        await using var app = new FaceAttendanceApp();
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var paired = await app.KioskAsync();
        using var kiosk = paired.Authorise(app.CreateClient());
        var upload = await FaceAttendanceApp.PresignAsync(kiosk); // a valid upload URL, in the wrong hands below
        using var anonymous = app.CreateClient();
        using var forged = app.CreateClient();
        // shaped like a device token, but no kiosk's
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", $"{Guid.NewGuid():N}.not-a-secret");
        var now = app.Clock.GetUtcNow();

        foreach (var client in new[] { anonymous, forged })
        {
            var answers = new[]
            {
                await client.PostAsJsonAsync("/presign", new { contentType = "image/jpeg" }),
                await FaceAttendanceApp.UploadAsync(client, upload, Photos.AlSharpton(6)),
                await client.PostAsJsonAsync("/attendance", new { key = upload.Key }),
                await client.PostAsync("/attendance", FaceAttendanceApp.ImageForm(Photos.AlSharpton(6), ImageFormats.Jpeg)),
                await client.GetAsync($"/attendance/{upload.Key}"),
                await client.PostAsync("/attendance", paired.OfflineScan(Photos.AlSharpton(6), Guid.NewGuid(), now.AddMinutes(-1), now)),
                await client.GetAsync("/kiosk/me"),
            };

            foreach (var answer in answers)
            {
                await answer.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "kiosk-not-paired");
                answer.Headers.WwwAuthenticate.Should().ContainSingle().Which.Scheme.Should().Be("Bearer");
            }
        }
        (await app.StoredSnapshotsAsync()).Should().BeEmpty();
        (await app.StoredOutcomesAsync()).Should().BeEmpty();
        (await app.StoredEventsAsync()).Should().BeEmpty();
        // the kiosk's own upload URL still works for the kiosk: nothing above used it up
        (await FaceAttendanceApp.UploadAsync(kiosk, upload, Photos.AlSharpton(6))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AKioskCannotPostPollOrUploadToAnotherKiosksSnapshot()
    {
        await using var app = new FaceAttendanceApp();
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var frontDoor = await app.PairKioskAsync("Front door");
        using var backDoor = await app.PairKioskAsync("Back door");
        using var front = frontDoor.Authorise(app.CreateClient());
        using var back = backDoor.Authorise(app.CreateClient());
        var uploaded = await FaceAttendanceApp.PresignAsync(front);
        (await FaceAttendanceApp.UploadAsync(front, uploaded, Photos.AlSharpton(6))).EnsureSuccessStatusCode();
        var notYetUploaded = await FaceAttendanceApp.PresignAsync(front);

        var posted = await back.PostAsJsonAsync("/attendance", new { key = uploaded.Key });
        var polled = await back.GetAsync($"/attendance/{uploaded.Key}");
        var put = await FaceAttendanceApp.UploadAsync(back, notYetUploaded, Photos.ArtHowe(1));

        await posted.ShouldBeProblemAsync(HttpStatusCode.NotFound, "unknown-key");
        await polled.ShouldBeProblemAsync(HttpStatusCode.NotFound, "unknown-key");
        await put.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "upload-not-authorised");
        (await app.StoredOutcomesAsync()).Should().BeEmpty("the other kiosk's post decided nothing");
        (await app.StoredSnapshotsAsync()).Should().Equal(uploaded.Key);
        // the kiosk that took it still can
        var own = await front.PostAsJsonAsync("/attendance", new { key = uploaded.Key });
        own.StatusCode.Should().Be(HttpStatusCode.OK, await own.Content.ReadAsStringAsync());
        (await own.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!.Status.Should().Be(AttendanceStatus.CheckedIn);
        (await FaceAttendanceApp.UploadAsync(front, notYetUploaded, Photos.ArtHowe(1))).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TheRequestLimitIsEachKiosksOwn()
    {
        await using var app = new FaceAttendanceApp(settings: new() { ["FaceAttendance:Kiosk:RequestsPerMinute"] = "3" });
        using var frontDoor = await app.PairKioskAsync("Front door");
        using var backDoor = await app.PairKioskAsync("Back door");
        using var front = frontDoor.Authorise(app.CreateClient());
        using var back = backDoor.Authorise(app.CreateClient());

        var frontAnswers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            frontAnswers.Add(await front.GetAsync("/kiosk/me"));
        }
        var backAnswer = await back.PostAsJsonAsync("/presign", new { contentType = "image/jpeg" });

        frontAnswers.Take(3).Should().AllSatisfy(answer => answer.StatusCode.Should().Be(HttpStatusCode.OK));
        await frontAnswers[3].ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "too-many-requests");
        backAnswer.StatusCode.Should().Be(HttpStatusCode.OK, "the other kiosk has its own budget");
    }

    [Fact]
    public async Task TheHourlyUploadQuotaIsEachKiosksOwn()
    {
        await using var app = new FaceAttendanceApp(settings: new() { ["FaceAttendance:Kiosk:UploadsPerHour"] = "2" });
        using var frontDoor = await app.PairKioskAsync("Front door");
        using var backDoor = await app.PairKioskAsync("Back door");
        using var front = frontDoor.Authorise(app.CreateClient());
        using var back = backDoor.Authorise(app.CreateClient());

        await FaceAttendanceApp.PresignAsync(front);
        await FaceAttendanceApp.PresignAsync(front);
        var third = await front.PostAsJsonAsync("/presign", new { contentType = "image/jpeg" });
        var posted = await front.PostAsync("/attendance", FaceAttendanceApp.ImageForm(Photos.NeverEnrolled, ImageFormats.Jpeg));
        var other = await back.PostAsJsonAsync("/presign", new { contentType = "image/jpeg" });

        await third.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "upload-quota-exceeded");
        await posted.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "upload-quota-exceeded");
        other.StatusCode.Should().Be(HttpStatusCode.OK, "the other kiosk has its own quota");
        (await app.StoredOutcomesAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task EachEventAndDecisionRecordsTheKioskThatTookIt()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var art = await app.EnrolPersonAsync("E200", "Art Howe", Photos.ArtHowe(1));
        using var frontDoor = await app.PairKioskAsync("Front door");
        using var backDoor = await app.PairKioskAsync("Back door");
        using var front = frontDoor.Authorise(app.CreateClient());
        using var back = backDoor.Authorise(app.CreateClient());
        var upload = await FaceAttendanceApp.PresignAsync(front);
        (await FaceAttendanceApp.UploadAsync(front, upload, Photos.AlSharpton(6))).EnsureSuccessStatusCode();

        var uploaded = await front.PostAsJsonAsync("/attendance", new { key = upload.Key });
        var posted = await back.PostAsync("/attendance", FaceAttendanceApp.ImageForm(Photos.ArtHowe(2), ImageFormats.Jpeg));

        uploaded.StatusCode.Should().Be(HttpStatusCode.OK, await uploaded.Content.ReadAsStringAsync());
        posted.StatusCode.Should().Be(HttpStatusCode.OK, await posted.Content.ReadAsStringAsync());
        // GET /api/attendance does not name the kiosk (yet): the database does
        var events = await app.StoredEventsAsync();
        events.Should().HaveCount(2);
        events.Single(e => e.PersonId == al.Id).KioskId.Should().Be(frontDoor.Id);
        events.Single(e => e.PersonId == art.Id).KioskId.Should().Be(backDoor.Id);
        await using var scope = app.Services.CreateAsyncScope();
        var decisions = await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().ScanDecisions
            .AsNoTracking().ToListAsync();
        decisions.Single(d => d.PersonId == al.Id).KioskId.Should().Be(frontDoor.Id);
        decisions.Single(d => d.PersonId == art.Id).KioskId.Should().Be(backDoor.Id);
        decisions.Single(d => d.PersonId == art.Id).SnapshotKey.Should().Contain($"/{backDoor.Id:N}/", "a posted image's key names its kiosk too");
    }

    [Fact]
    public async Task AnAdminUploadsAPhotoToEnrolByKeyWhichNoKioskCanPostAsAScan()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.CreatePersonAsync("E100", "Al Sharpton");
        using var admin = app.CreateAdminClient();
        using var kiosk = await app.CreateKioskClientAsync();

        var upload = await FaceAttendanceApp.PresignAsync(admin);
        var put = await FaceAttendanceApp.UploadAsync(admin, upload, Photos.AlSharpton(1));
        var posted = await kiosk.PostAsJsonAsync("/attendance", new { key = upload.Key });
        var polled = await kiosk.GetAsync($"/attendance/{upload.Key}");
        var enrolled = await admin.PostAsJsonAsync($"/api/people/{al.Id}/faces", new { key = upload.Key });

        upload.Key.Should().MatchRegex(@"^snapshots/\d{4}/\d{2}/\d{2}/[0-9a-f]{32}\.jpg$", "an admin's upload names no kiosk");
        put.StatusCode.Should().Be(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        await posted.ShouldBeProblemAsync(HttpStatusCode.NotFound, "unknown-key");
        await polled.ShouldBeProblemAsync(HttpStatusCode.NotFound, "unknown-key");
        enrolled.StatusCode.Should().Be(HttpStatusCode.Created, await enrolled.Content.ReadAsStringAsync());
        (await app.StoredOutcomesAsync()).Should().BeEmpty("the kiosk's post decided nothing");
    }
}
