using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Attendance;

/// <summary>A snapshot key is decided once and only while fresh, and a scan that records nothing keeps no snapshot,
/// in the local, AWS and PostgreSQL configurations.</summary>
public sealed class ScanDecisionTests(AppConfigurations configurations) : IClassFixture<AppConfigurations>
{
    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task ASnapshotKeyPostedAgainGetsTheFirstAnswerAndRecordsNothingEvenAfterTheDuplicateWindow(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await app.CreateKioskClientAsync();
        var key = await UploadAsync(kiosk, Photos.AlSharpton(6));

        var first = await RecordAsync(kiosk, key);
        var racing = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => RecordAsync(kiosk, key)));
        app.Clock.Advance(TimeSpan.FromMinutes(3)); // past the duplicate window, where a new scan would check out
        var later = await RecordAsync(kiosk, key);

        first.Status.Should().Be(AttendanceStatus.CheckedIn);
        racing.Append(later).Should().AllSatisfy(answer => answer.Should().BeEquivalentTo(first));
        await using var scope = app.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().AttendanceEvents.CountAsync()).Should().Be(1);
    }

    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task ParallelFirstPostsOfOneKeyAllGetTheOneDecision(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await app.CreateKioskClientAsync();
        var key = await UploadAsync(kiosk, Photos.AlSharpton(6));

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => RecordAsync(kiosk, key)));

        answers.Distinct().Should().ContainSingle().Which.Status.Should().Be(AttendanceStatus.CheckedIn);
        (await app.EventsAsync()).Should().ContainSingle().Which.RecordedAt.Should().Be(answers[0].RecordedAt);
    }

    [Fact]
    public async Task AKeyOlderThanItsUploadUrlsLifetimeAndAMinuteIsNotDecided()
    {
        await using var app = configurations.Start(AppConfiguration.Local);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await app.CreateKioskClientAsync();
        var key = await UploadAsync(kiosk, Photos.AlSharpton(6));

        app.Clock.Advance(TimeSpan.FromMinutes(6) + TimeSpan.FromSeconds(1));
        var stale = await kiosk.PostAsJsonAsync("/attendance", new { key });

        await stale.ShouldBeProblemAsync(HttpStatusCode.Gone, "snapshot-expired");
        using var admin = app.CreateAdminClient();
        (await admin.GetStringAsync("/api/attendance")).Should().NotContain(key);
    }

    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Aws)]
    public async Task OnlyASnapshotThatRecordedAnEventOrOffersACheckOutIsKept(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await app.CreateKioskClientAsync();
        var earlierTests = await app.StoredSnapshotsAsync(); // the bucket is the test class's

        var checkIn = await UploadAsync(kiosk, Photos.AlSharpton(6));
        (await RecordAsync(kiosk, checkIn)).Status.Should().Be(AttendanceStatus.CheckedIn);
        var repeat = await UploadAsync(kiosk, Photos.AlSharpton(7));
        (await RecordAsync(kiosk, repeat)).Status.Should().Be(AttendanceStatus.AlreadyRecorded);
        var stranger = await UploadAsync(kiosk, Photos.NeverEnrolled);
        (await RecordAsync(kiosk, stranger)).Status.Should().Be(AttendanceStatus.Unknown);
        var noFace = await UploadAsync(kiosk, Photos.NoFace);
        await (await kiosk.PostAsJsonAsync("/attendance", new { key = noFace })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "no-face");
        var truncated = await UploadAsync(kiosk, Photos.AlSharpton(2)[..4000]);
        await (await kiosk.PostAsJsonAsync("/attendance", new { key = truncated })).ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "undecodable-image");
        var posted = await app.PostSnapshotAsync(Photos.NoFace);
        await posted.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "no-face");

        // the repeat's snapshot is kept for the "Check out now" its answer offers (retention drops it when not taken up)
        (await app.StoredSnapshotsAsync()).Except(earlierTests).Should().BeEquivalentTo([checkIn, repeat]);
        // the refused no-face key still answers as it did, though its snapshot is gone
        await (await kiosk.PostAsJsonAsync("/attendance", new { key = noFace })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "no-face");
    }

    [Fact]
    public async Task AnUnknownFaceIsKeptForReviewWhenThatIsSwitchedOn()
    {
        await using var app = new FaceAttendanceApp(settings: new() { ["FaceAttendance:Kiosk:KeepUnknownSnapshots"] = "true" });
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await app.CreateKioskClientAsync();
        var stranger = await UploadAsync(kiosk, Photos.NeverEnrolled);
        (await RecordAsync(kiosk, stranger)).Status.Should().Be(AttendanceStatus.Unknown);

        app.Clock.Advance(TimeSpan.FromHours(1));
        await app.Services.GetRequiredService<SnapshotRetention>().PurgeAsync(CancellationToken.None);

        (await app.StoredSnapshotsAsync()).Should().Equal(stranger);
    }

    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Aws)]
    public async Task TheRetentionPassDeletesAnUploadNobodyPostedOnceItCanNoLongerBeDecided(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await app.CreateKioskClientAsync();
        var earlierTests = await app.StoredSnapshotsAsync(); // the bucket is the test class's
        var recorded = await UploadAsync(kiosk, Photos.AlSharpton(6));
        (await RecordAsync(kiosk, recorded)).Status.Should().Be(AttendanceStatus.CheckedIn);
        var neverPosted = await UploadAsync(kiosk, Photos.AlSharpton(7));
        var retention = app.Services.GetRequiredService<SnapshotRetention>();

        await retention.PurgeAsync(CancellationToken.None);
        var whileFresh = await app.StoredSnapshotsAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(7));
        await retention.PurgeAsync(CancellationToken.None);

        whileFresh.Except(earlierTests).Should().BeEquivalentTo([recorded, neverPosted]);
        (await app.StoredSnapshotsAsync()).Should().NotContain(neverPosted).And.Contain(recorded);
    }

    private static async Task<string> UploadAsync(HttpClient kiosk, byte[] photo)
    {
        var upload = await FaceAttendanceApp.PresignAsync(kiosk);
        (await FaceAttendanceApp.UploadAsync(kiosk, upload, photo)).EnsureSuccessStatusCode();
        return upload.Key;
    }

    private static async Task<KioskAnswer> RecordAsync(HttpClient kiosk, string key)
    {
        var response = await kiosk.PostAsJsonAsync("/attendance", new { key });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!;
    }
}
