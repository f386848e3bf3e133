using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Web.Attendance;

namespace FaceAttendance.Tests.Web;

public sealed class KioskRecognitionTests
{
    [Fact]
    public async Task PresignThenUploadThenAttendanceChecksInAKnownFace()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        await app.EnrolPersonAsync("E200", "Alan Greenspan", Photos.AlanGreenspan(2), Photos.AlanGreenspan(3));

        var result = await app.CheckAtKioskExpectingResultAsync(Photos.OnKioskCanvas(Photos.AlSharpton(6)));

        result.Status.Should().Be(AttendanceStatus.CheckedIn);
        result.Person.Should().Be(new PersonSummary(al.Id, "E100", "Al Sharpton"));
        result.Similarity.Should().BeGreaterThanOrEqualTo(app.Engine.MatchThreshold);
        result.EventId.Should().NotBeNull();
        result.RecordedAt.Should().Be(app.Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task TheSecondEnrolledPersonIsToldApartFromTheFirst()
    {
        await using var app = new FaceAttendanceApp();
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var alan = await app.EnrolPersonAsync("E200", "Alan Greenspan", Photos.AlanGreenspan(2), Photos.AlanGreenspan(3));

        var result = await app.CheckAtKioskExpectingResultAsync(Photos.AlanGreenspan(5));

        result.Person!.Id.Should().Be(alan.Id);
    }

    [Fact]
    public async Task APersonNeverEnrolledIsUnknownAndNothingIsRecorded()
    {
        await using var app = new FaceAttendanceApp();
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));

        var result = await app.CheckAtKioskExpectingResultAsync(Photos.NeverEnrolled);

        result.Status.Should().Be(AttendanceStatus.Unknown);
        result.Person.Should().BeNull();
        result.Similarity.Should().BePositive().And.BeLessThan(app.Engine.MatchThreshold, "the closest enrolled face is still reported");
        result.EventId.Should().BeNull();
        using var admin = app.CreateAdminClient();
        (await admin.GetStringAsync("/api/attendance")).Should().Contain("\"total\":0");
    }

    [Fact]
    public async Task AMultipartSnapshotIsRecognisedInOneRoundTrip()
    {
        await using var app = new FaceAttendanceApp();
        var ariel = await app.EnrolPersonAsync("E300", "Ariel Sharon", Photos.ArielSharon(27));

        var response = await app.PostSnapshotAsync(Photos.ArielSharon(59));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.Content.ReadFromJsonAsync<AttendanceResult>(Json.Options);
        result!.Status.Should().Be(AttendanceStatus.CheckedIn);
        result.Person!.Id.Should().Be(ariel.Id);
    }

    [Fact]
    public async Task AFaceThatClearlyDominatesABystanderIsTheOneRecognised()
    {
        await using var app = new FaceAttendanceApp();
        var art = await app.EnrolPersonAsync("E400", "Art Howe", Photos.ArtHowe(1));

        var result = await app.CheckAtKioskExpectingResultAsync(Photos.WithSmallBystander(Photos.ArtHowe(4), Photos.AlSharpton(2)));

        result.Person!.Id.Should().Be(art.Id);
    }
}
