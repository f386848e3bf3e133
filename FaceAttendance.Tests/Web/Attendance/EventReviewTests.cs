using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Http;

namespace FaceAttendance.Tests.Web.Attendance;

/// <summary>What an admin can review of each kiosk event: its snapshot, similarity and liveness score.</summary>
public sealed class EventReviewTests
{
    [Fact]
    public async Task AKioskEventKeepsItsLivenessAndSnapshotUntilRetentionDeletesIt()
    {
        await using var app = new FaceAttendanceApp();
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var snapshot = Photos.OnKioskCanvas(Photos.AlSharpton(6));
        var result = await app.CheckAtKioskExpectingResultAsync(snapshot);
        using var admin = app.CreateAdminClient();

        var listed = (await admin.GetFromJsonAsync<Page<AttendanceEventResponse>>("/api/attendance", Json.Options))!.Items.Single();
        var decided = (await app.StoredOutcomesAsync()).Single().Result!;
        (listed.Id, listed.RecordedAt).Should().Be((decided.EventId!.Value, result.RecordedAt));
        listed.Liveness.Should().BeInRange(0.01f, 1f, "the engine scores every kiosk face and the event keeps the score");
        listed.Similarity.Should().Be(decided.Similarity);
        (await admin.GetByteArrayAsync($"/api/attendance/{listed.Id}/snapshot")).Should().Equal(snapshot);
        var page = await admin.GetStringAsync("/admin/attendance");
        page.Should().Contain($"/api/attendance/{listed.Id}/snapshot").And.Contain(listed.Liveness!.Value.ToString("0.00"));

        File.Delete(Path.Combine(app.DataDir, "objects", listed.SnapshotKey!));
        await (await admin.GetAsync($"/api/attendance/{listed.Id}/snapshot")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "snapshot-deleted");
        await (await admin.GetAsync($"/api/attendance/{Guid.NewGuid()}/snapshot")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "event-not-found");
    }

    [Fact]
    public async Task WithRequireLivenessAFaceBelowThePassMarkIsRefusedAsNotLiveAndRecordsNothing()
    {
        // a sharp, well-lit dev photo whose liveness score (0.46) is below the pass mark: one of the 1 % of genuine faces
        // that fail it. It is a real face, so this shows the refusal path, not spoof detection.
        var lowLiveness = Photos.Read("Cesar_Gaviria", 4);
        await using var lenient = new FaceAttendanceApp();
        (await lenient.CheckAtKioskAsync(lowLiveness)).StatusCode.Should().Be(HttpStatusCode.OK, "liveness is only recorded by default");
        await using var app = new FaceAttendanceApp(settings: new() { ["FaceAttendance:Kiosk:RequireLiveness"] = "true" });
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));

        var response = await app.CheckAtKioskAsync(lowLiveness);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "not-live");
        problem.TryGetProperty("liveness", out _).Should().BeFalse("a score would let a caller tune a spoof past the check");
        var stored = (await app.StoredOutcomesAsync()).Single().Refusal!;
        ((JsonElement)stored.Extensions!["liveness"]!).GetSingle().Should().BeLessThan(0.51f, "the decision keeps the score for admins");
        using var admin = app.CreateAdminClient();
        (await admin.GetFromJsonAsync<Page<AttendanceEventResponse>>("/api/attendance", Json.Options))!.Items.Should().BeEmpty();
    }
}
