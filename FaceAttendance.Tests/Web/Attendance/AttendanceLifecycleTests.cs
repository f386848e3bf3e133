using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Attendance;

/// <summary>A day at the kiosk, a restart, people and faces deleted: end to end, in the local, AWS and PostgreSQL configurations alike.</summary>
public sealed class AttendanceLifecycleTests(AppConfigurations configurations) : IClassFixture<AppConfigurations>
{
    // a day ahead of the real clock: the AWS SDK dates pre-signed URLs by the real clock, so the app's clock must not lag
    // it, and at 08:00 the hours each test moves on stay within one UTC day
    private static readonly DateTimeOffset Tomorrow0800 = new(DateTime.UtcNow.Date.AddDays(1).AddHours(8), TimeSpan.Zero);

    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Aws)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task FirstRecognitionChecksInThenDuplicatesAreIgnoredThenTheNextOneChecksOut(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration, Tomorrow0800);
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));

        var checkIn = await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6));
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        var duplicate = await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6));
        app.Clock.Advance(TimeSpan.FromHours(4));
        var checkOut = await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6));
        app.Clock.Advance(TimeSpan.FromHours(1));
        var backIn = await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6));

        checkIn.Status.Should().Be(AttendanceStatus.CheckedIn);
        duplicate.Status.Should().Be(AttendanceStatus.AlreadyRecorded);
        (duplicate.RecordedAt, duplicate.Kind).Should().Be((checkIn.RecordedAt, checkIn.Kind), "it names the check-in it duplicates");
        checkOut.Status.Should().Be(AttendanceStatus.CheckedOut);
        checkOut.RecordedAt.Should().Be(Tomorrow0800.AddMinutes(241).UtcDateTime);
        backIn.Status.Should().Be(AttendanceStatus.CheckedIn);
        // the duplicate recorded no event: the admin sees the three others only
        (await app.EventsAsync()).Select(e => (e.Kind, e.RecordedAt)).Should().Equal(
            (AttendanceKind.In, backIn.RecordedAt), (AttendanceKind.Out, checkOut.RecordedAt), (AttendanceKind.In, checkIn.RecordedAt));
        var decided = await app.StoredOutcomesAsync();
        decided[1].Result!.EventId.Should().Be(decided[0].Result!.EventId!.Value, "the duplicate's decision names the check-in's event");
    }

    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Aws)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task EnrolledPeopleAreStillRecognisedAfterARestart(AppConfiguration configuration)
    {
        string dataDir;
        Guid alId;
        await using (var first = configurations.Start(configuration, Tomorrow0800))
        {
            dataDir = first.DataDir;
            alId = (await first.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1))).Id;
            (await first.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(2))).Status.Should().Be(AttendanceStatus.CheckedIn);
        }

        await using var second = configurations.Start(configuration, Tomorrow0800.AddHours(1), restartOn: dataDir);
        var result = await second.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6));

        result.Person!.Name.Should().Be("Al Sharpton");
        (await second.EventsAsync()).Should().AllSatisfy(e => e.PersonId.Should().Be(alId)).And.HaveCount(2);
        result.Status.Should().Be(AttendanceStatus.CheckedOut, "the check-in before the restart was kept");
    }

    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Aws)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task DeletingAPersonErasesTheirFacesSoTheSamePhotoIsThenUnknownButHistoryKeepsTheName(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1), Photos.AlSharpton(2));
        (await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6))).Status.Should().Be(AttendanceStatus.CheckedIn);
        using var admin = app.CreateAdminClient();

        (await admin.DeleteAsync($"/api/people/{al.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6))).Status.Should().Be(AttendanceStatus.Unknown);
        (await admin.GetAsync($"/api/people/{al.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        // the AWS configuration's apps share one bucket prefix, so only this person's photos are looked for
        var photos = app.Services.GetRequiredService<IObjectStore>().ListAsync($"{ObjectKeys.FacesPrefix}{al.Id:N}/", CancellationToken.None);
        (await photos.ToListAsync()).Should().BeEmpty();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        (await db.Faces.CountAsync()).Should().Be(0);
        (await db.AttendanceEvents.SingleAsync()).Should().BeEquivalentTo(new { PersonId = (Guid?)null, PersonName = "Al Sharpton", EmployeeId = "E100" });
    }

    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Aws)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task DeletingOneFaceStopsItBeingMatched(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        var al = await app.CreatePersonAsync("E100", "Al Sharpton");
        var enrolled = await app.EnrolAsync(al.Id, Photos.AlSharpton(1));
        var faceId = (await enrolled.Content.ReadFromJsonAsync<EnrolledFaceResponse>(Json.Options))!.FaceId;
        using var admin = app.CreateAdminClient();

        (await admin.DeleteAsync($"/api/people/{al.Id}/faces/{faceId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6))).Status.Should().Be(AttendanceStatus.Unknown);
        (await admin.DeleteAsync($"/api/people/{al.Id}/faces/{faceId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
