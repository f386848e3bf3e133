using System.Net;
using System.Net.Http.Json;
using System.Numerics.Tensors;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Aws.Endpoint;
using FaceAttendance.Web.Data;

namespace FaceAttendance.Tests.Web.Attendance;

/// <summary>The kiosk flow end to end, in the local, the AWS and the PostgreSQL configuration alike.</summary>
public sealed class KioskRecognitionTests(AppConfigurations configurations) : IClassFixture<AppConfigurations>
{
    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Aws)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task AnOversizeSnapshotIsTooLargeWhereverItIsCaughtAndLeavesNothingBehind(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        using var kiosk = await app.CreateKioskClientAsync();
        var oversize = new byte[10 * 1024 * 1024 + 1]; // the default Uploads:MaxBytes plus one
        Photos.AlSharpton(1).CopyTo(oversize, 0);

        var upload = await FaceAttendanceApp.PresignAsync(kiosk);
        var put = await FaceAttendanceApp.UploadAsync(kiosk, upload, oversize);
        var attendance = await kiosk.PostAsJsonAsync("/attendance", new { key = upload.Key });
        var again = await kiosk.PostAsJsonAsync("/attendance", new { key = upload.Key });

        // the app refuses the PUT itself; s3rver ignores the POST policy's size limit (Amazon S3 would not), so /attendance's check does
        var refusal = configuration != AppConfiguration.Aws ? put : attendance;
        await refusal.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "image-too-large");
        await again.ShouldBeProblemAsync(HttpStatusCode.NotFound, "unknown-key");
    }

    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Aws)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task PresignThenUploadThenAttendanceChecksInAKnownFace(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        await app.EnrolPersonAsync("E200", "Alan Greenspan", Photos.AlanGreenspan(2), Photos.AlanGreenspan(3));
        using var kiosk = await app.CreateKioskClientAsync();

        var upload = await FaceAttendanceApp.PresignAsync(kiosk);
        var put = await FaceAttendanceApp.UploadAsync(kiosk, upload, Photos.OnKioskCanvas(Photos.AlSharpton(6)));
        var response = await kiosk.PostAsJsonAsync("/attendance", new { key = upload.Key });

        upload.UploadUrl.Should().StartWith(configurations.UploadUrlPrefix(configuration));
        (configuration == AppConfiguration.Aws ? upload.Fields!.ContainsKey("x-amz-signature") : upload.UploadUrl.Contains("token=")).Should().BeTrue();
        put.IsSuccessStatusCode.Should().BeTrue();
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = (await response.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!;
        result.Status.Should().Be(AttendanceStatus.CheckedIn);
        result.Person.Should().Be(new KioskPerson("Al Sharpton"));
        result.RecordedAt.Should().BeCloseTo(app.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromMicroseconds(1), "events are kept to the microsecond");
        var recorded = (await app.EventsAsync()).Single();
        (recorded.PersonId, recorded.EmployeeId, recorded.Name, recorded.Kind).Should().Be((al.Id, "E100", "Al Sharpton", AttendanceKind.In));
        recorded.Similarity.Should().BeGreaterThanOrEqualTo(app.MatchThreshold);
        recorded.RecordedAt.Should().BeCloseTo(result.RecordedAt, TimeSpan.FromMilliseconds(1), "PostgreSQL keeps microseconds");
    }

    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Aws)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task TheSecondEnrolledPersonIsToldApartFromTheFirst(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        var alan = await app.EnrolPersonAsync("E200", "Alan Greenspan", Photos.AlanGreenspan(2), Photos.AlanGreenspan(3));

        var result = await app.CheckAtKioskExpectingResultAsync(Photos.AlanGreenspan(5));

        result.Person!.Name.Should().Be("Alan Greenspan");
        (await app.EventsAsync()).Single().PersonId.Should().Be(alan.Id);
    }

    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Aws)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task APersonNeverEnrolledIsUnknownAndNothingIsRecorded(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));

        var result = await app.CheckAtKioskExpectingResultAsync(Photos.NeverEnrolled);

        result.Status.Should().Be(AttendanceStatus.Unknown);
        result.Person.Should().BeNull();
        // the closest person's similarity is still kept for the unknown-faces page, on the configuration's scale (both clamp
        // a negative cosine to 0)
        var cosine = TensorPrimitives.Dot(LargestFace(app, Photos.NeverEnrolled), LargestFace(app, Photos.AlSharpton(1)));
        var expected = configuration != AppConfiguration.Aws
            ? Math.Max(0, cosine)
            : SimilarityScale.ToPercent(cosine, app.Engine.MatchThreshold) / 100;
        var stored = (await app.StoredOutcomesAsync()).Single().Result!;
        stored.Similarity.Should().BeApproximately(expected, 1e-3f).And.BeLessThan(app.MatchThreshold);
        stored.EventId.Should().BeNull();
        using var admin = app.CreateAdminClient();
        (await admin.GetStringAsync("/api/attendance")).Should().Contain("\"total\":0");
    }

    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Aws)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task AMultipartSnapshotIsRecognisedInOneRoundTrip(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        var ariel = await app.EnrolPersonAsync("E300", "Ariel Sharon", Photos.ArielSharon(27));

        var response = await app.PostSnapshotAsync(Photos.ArielSharon(59));

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options);
        result!.Status.Should().Be(AttendanceStatus.CheckedIn);
        result.Person!.Name.Should().Be("Ariel Sharon");
        (await app.EventsAsync()).Single().PersonId.Should().Be(ariel.Id);
    }

    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Aws)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task AFaceThatClearlyDominatesABystanderIsTheOneRecognised(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        var art = await app.EnrolPersonAsync("E400", "Art Howe", Photos.ArtHowe(1));

        var result = await app.CheckAtKioskExpectingResultAsync(Photos.WithSmallBystander(Photos.ArtHowe(4), Photos.AlSharpton(2)));

        result.Person!.Name.Should().Be("Art Howe");
        (await app.EventsAsync()).Single().PersonId.Should().Be(art.Id);
    }

    private static float[] LargestFace(FaceAttendanceApp app, byte[] photo)
    {
        using var image = app.Engine.Decode(photo);
        return app.Engine.Embed(image, app.Engine.Detect(image)[0]).Vector;
    }
}
