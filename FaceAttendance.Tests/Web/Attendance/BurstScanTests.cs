using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Vision;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Attendance;

/// <summary>A kiosk scan as a burst of frames: uploaded through one presign or posted at once, fused by the engine, and
/// under Kiosk:Liveness=Challenge the head turn the server asked for.</summary>
public sealed class BurstScanTests(AppConfigurations configurations) : IClassFixture<AppConfigurations>
{
    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Aws)]
    public async Task ABurstWhoseFirstFrameShowsNoFaceIsStillRecognisedAndOnlyItsFirstFrameIsKept(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await app.CreateKioskClientAsync();
        var face = Photos.OnKioskCanvas(Photos.AlSharpton(6));

        var alone = await ScanAsync(kiosk, [Photos.NoFace]);
        var burst = await FaceAttendanceApp.PresignAsync(kiosk, frames: 3);
        var keys = await UploadAsync(kiosk, burst, [Photos.NoFace, face, Photos.OnKioskCanvas(Photos.AlSharpton(7))]);
        var answer = await kiosk.PostAsJsonAsync("/attendance", new { keys });
        var again = await kiosk.PostAsJsonAsync("/attendance", new { keys });

        await alone.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "no-face");
        burst.Turn.Should().BeNull("Kiosk:Liveness is Passive by default");
        keys.Should().OnlyHaveUniqueItems().And.HaveCount(3).And.StartWith(burst.Key);
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
        var result = (await answer.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!;
        (result.Status, result.Person?.Name).Should().Be((AttendanceStatus.CheckedIn, "Al Sharpton"), "one frame without a face no longer decides");
        (await again.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options)).Should().BeEquivalentTo(result, "a burst is decided once");
        (await app.StoredSnapshotsAsync()).Should().Contain(keys[0]).And.NotContain(keys.Skip(1), "one frame is kept, under the burst's first key");
        var kept = await app.Services.GetRequiredService<IObjectStore>().ReadAsync(keys[0], CancellationToken.None);
        kept.Should().NotEqual(Photos.NoFace, "the frame kept is the one the face was judged by");
        (await app.EventsAsync()).Should().ContainSingle();
    }

    [Fact]
    public async Task ABurstPostedAtOnceIsFusedLikeAnUploadedOne()
    {
        await using var app = new FaceAttendanceApp();
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await app.CreateKioskClientAsync();

        var response = await kiosk.PostAsync("/attendance", FaceAttendanceApp.BurstForm([Photos.NoFace, Photos.AlSharpton(6), Photos.NoFace]));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!.Person!.Name.Should().Be("Al Sharpton");
        var kept = (await app.StoredSnapshotsAsync()).Should().ContainSingle("one frame is kept").Which;
        (await app.Services.GetRequiredService<IObjectStore>().ReadAsync(kept, CancellationToken.None))
            .Should().Equal(Photos.AlSharpton(6), "the frame the face was judged by, not the first");
    }

    [Fact]
    public async Task ABurstIsRefusedWithoutLosingAnythingWhenItIsTooLongOutOfOrderNamesAFrameTwiceAnotherBurstsOrAnotherKiosksUpload()
    {
        await using var app = new FaceAttendanceApp();
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await app.CreateKioskClientAsync();
        using var other = (await app.PairKioskAsync("Back door")).Authorise(app.CreateClient());
        var burst = await FaceAttendanceApp.PresignAsync(kiosk, frames: 3);
        var keys = await UploadAsync(kiosk, burst, [Photos.AlSharpton(6), Photos.AlSharpton(6), Photos.AlSharpton(6)]);
        var othersKey = (await FaceAttendanceApp.PresignAsync(other)).Key;

        var decided = await FaceAttendanceApp.PresignAsync(kiosk, frames: 1);
        (await FaceAttendanceApp.UploadAsync(kiosk, decided, Photos.AlSharpton(6))).EnsureSuccessStatusCode();
        (await kiosk.PostAsJsonAsync("/attendance", new { key = decided.Key })).EnsureSuccessStatusCode();
        var fresh = await FaceAttendanceApp.PresignAsync(kiosk, frames: 3);
        await UploadAsync(kiosk, fresh, [Photos.AlSharpton(6), Photos.AlSharpton(6), Photos.AlSharpton(6)]);

        var tooManyUrls = await kiosk.PostAsJsonAsync("/presign", new { contentType = ImageFormats.Jpeg, frames = 4 });
        var reordered = await kiosk.PostAsJsonAsync("/attendance", new { keys = new[] { keys[0], keys[2], keys[1] } });
        var laterFrameFirst = await kiosk.PostAsJsonAsync("/attendance", new { keys = new[] { keys[1], keys[2] } });
        var otherBurstsFrame = await kiosk.PostAsJsonAsync("/attendance", new { keys = new[] { keys[0], fresh.Frames![1].Key } });
        // a decided scan's kept snapshot posted as a later frame, to have it judged and deleted with the frames
        var decidedAsFrame = await kiosk.PostAsJsonAsync("/attendance", new { keys = new[] { fresh.Key, decided.Key } });
        var tooManyKeys = await kiosk.PostAsJsonAsync("/attendance", new { keys = keys.Concat(keys.Select(key => key + "x")).ToArray() });
        var twice = await kiosk.PostAsJsonAsync("/attendance", new { keys = new[] { keys[0], keys[1], keys[0] } });
        var foreign = await kiosk.PostAsJsonAsync("/attendance", new { keys = new[] { keys[0], othersKey } });
        var tooManyImages = await kiosk.PostAsync("/attendance", FaceAttendanceApp.BurstForm([.. Enumerable.Repeat(Photos.NoFace, 6)]));

        await tooManyUrls.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "too-many-images");
        await reordered.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "burst-keys-out-of-order");
        await laterFrameFirst.ShouldBeProblemAsync(HttpStatusCode.NotFound, "unknown-key");
        await otherBurstsFrame.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "burst-keys-out-of-order");
        await decidedAsFrame.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "burst-keys-out-of-order");
        (await app.StoredSnapshotsAsync()).Should().Contain(decided.Key, "a recorded scan's evidence is never another scan's frame");
        await tooManyKeys.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "too-many-images");
        await twice.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "duplicate-keys");
        await foreign.ShouldBeProblemAsync(HttpStatusCode.NotFound, "unknown-key");
        await tooManyImages.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "too-many-images");
        (await app.StoredSnapshotsAsync()).Should().Contain(keys, "a refused request decides nothing and deletes nothing");
        var answer = await kiosk.PostAsJsonAsync("/attendance", new { keys });
        answer.StatusCode.Should().Be(HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnderChallengeTheHeadMustTurnTheWayTheServerAskedWithTheSameFace()
    {
        await using var app = new FaceAttendanceApp(settings: new() { ["FaceAttendance:Kiosk:Liveness"] = "Challenge" });
        await app.EnrolPersonAsync("E300", "Pervez Musharraf", Photos.PervezMusharraf(3));
        using var kiosk = await app.CreateKioskClientAsync();
        // yaw −0.4°, −14°, −34°: a head turning to its own left, three real photos of it
        byte[][] turningLeft = [Photos.PervezMusharraf(7), Photos.PervezMusharraf(17), Photos.PervezMusharraf(5)];

        var still = await FaceAttendanceApp.PresignAsync(kiosk, frames: 3);
        var stillAnswer = await kiosk.PostAsJsonAsync("/attendance",
            new { keys = await UploadAsync(kiosk, still, [.. Enumerable.Repeat(Photos.PervezMusharraf(7), 3)]) });
        var swapped = await FaceAttendanceApp.PresignAsync(kiosk, frames: 3);
        // the same turn, but by someone else's face from the second frame on
        byte[][] swappedFrames = [Photos.PervezMusharraf(7), Photos.Read("Bob_Huggins", 2), Photos.Read("Bob_Huggins", 3)];
        var swappedAnswer = await kiosk.PostAsJsonAsync("/attendance",
            new { keys = await UploadAsync(kiosk, swapped, swapped.Turn == "left" ? swappedFrames : [.. swappedFrames.Reverse()]) });
        var posted = await kiosk.PostAsync("/attendance", FaceAttendanceApp.BurstForm(turningLeft));
        var turned = await FaceAttendanceApp.PresignAsync(kiosk, frames: 3);
        var turnedAnswer = await kiosk.PostAsJsonAsync("/attendance",
            new { keys = await UploadAsync(kiosk, turned, turned.Turn == "left" ? turningLeft : [.. turningLeft.Reverse()]) });

        new[] { still, swapped, turned }.Select(burst => burst.Turn)
            .Should().Equal(new[] { still, swapped, turned }.Select(burst => KioskChallenge.Name(KioskChallenge.TurnOf(burst.Key))));
        var refusal = await stillAnswer.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "head-not-turned");
        refusal.TryGetProperty("turn", out _).Should().BeFalse("the kiosk is told no scores");
        await swappedAnswer.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "head-not-turned");
        // the stored decisions keep the check's figures
        var checks = (await app.StoredOutcomesAsync()).Where(outcome => outcome.Refusal?.Code == "head-not-turned")
            .Select(outcome => (JsonElement)outcome.Refusal!.Extensions!["turn"]!).ToList();
        checks[0].GetProperty("turnDegrees").GetSingle().Should().BeLessThan(1, "a still photo does not turn");
        checks[1].GetProperty("turnDegrees").GetSingle().Should().BeGreaterThan(Burst.MinTurnDegrees, "the swapped face did turn");
        checks[1].GetProperty("sameFace").GetSingle().Should().BeLessThan(Burst.MinSameFace, "but it is not the face the burst began with");
        await posted.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "turn-not-asked");
        turnedAnswer.StatusCode.Should().Be(HttpStatusCode.OK, await turnedAnswer.Content.ReadAsStringAsync());
        (await turnedAnswer.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!.Person!.Name.Should().Be("Pervez Musharraf");
        (await app.EventsAsync()).Should().ContainSingle("only the turned burst records");
    }

    [Fact]
    public async Task UnderChallengeAnOfflineBurstIsCheckedAgainstTheTurnItsKioskSigned()
    {
        await using var app = new FaceAttendanceApp(settings: new() { ["FaceAttendance:Kiosk:Liveness"] = "Challenge" });
        await app.EnrolPersonAsync("E300", "Pervez Musharraf", Photos.PervezMusharraf(3));
        using var paired = await app.PairKioskAsync("Gate");
        using var kiosk = paired.Authorise(app.CreateClient());
        app.Clock.Advance(TimeSpan.FromHours(2)); // silent since it was paired: its scans were kept offline
        // a photo and its mirror image turn by twice its yaw: −34° to +34°, to his right
        byte[][] turningRight = [Photos.PervezMusharraf(5), Photos.Mirrored(Photos.PervezMusharraf(5))];
        var now = app.Clock.GetUtcNow();
        MultipartFormDataContent Offline(string? turn, string? signedTurn = null)
        {
            var (captureId, capturedAt) = (Guid.NewGuid(), now.AddHours(-1));
            var signature = signedTurn is null ? null
                : paired.Sign(captureId.ToString(), capturedAt.ToString("O", CultureInfo.InvariantCulture), turningRight, signedTurn);
            return paired.OfflineScan(turningRight, captureId, capturedAt, now, turn, signature);
        }

        var unsigned = await kiosk.PostAsync("/attendance", Offline(turn: null));
        var forgedTurn = await kiosk.PostAsync("/attendance", Offline(turn: "left", signedTurn: "right"));
        var askedLeft = await kiosk.PostAsync("/attendance", Offline(turn: "left"));
        var askedRight = await kiosk.PostAsync("/attendance", Offline(turn: "right"));

        await unsigned.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "turn-not-asked");
        await forgedTurn.ShouldBeProblemAsync(HttpStatusCode.Forbidden, "capture-signature-invalid");
        await askedLeft.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "head-not-turned");
        askedRight.StatusCode.Should().Be(HttpStatusCode.OK, await askedRight.Content.ReadAsStringAsync());
        (await app.StoredEventsAsync()).Should().ContainSingle().Which.RecordedOffline.Should().BeTrue();
    }

    private static async Task<HttpResponseMessage> ScanAsync(HttpClient kiosk, IReadOnlyList<byte[]> frames) =>
        await kiosk.PostAsJsonAsync("/attendance", new { keys = await UploadAsync(kiosk, await FaceAttendanceApp.PresignAsync(kiosk, frames: frames.Count), frames) });

    /// <summary>Uploads each frame to its URL, as the kiosk page does; the keys to post, in order.</summary>
    private static async Task<string[]> UploadAsync(HttpClient kiosk, PresignResponse burst, IReadOnlyList<byte[]> frames)
    {
        var uploads = burst.Frames ?? [burst];
        for (var i = 0; i < frames.Count; i++)
        {
            (await FaceAttendanceApp.UploadAsync(kiosk, uploads[i], frames[i])).EnsureSuccessStatusCode();
        }
        return [.. uploads.Select(upload => upload.Key)];
    }
}
