using System.Net;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web;

public sealed class PersistenceTests
{
    [Fact]
    public async Task EnrolledPeopleAreStillRecognisedAfterARestart()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"fa-web-restart-{Guid.NewGuid():N}");
        try
        {
            var morning = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
            Guid alId;
            await using (var first = new FaceAttendanceApp(dataDir, morning))
            {
                alId = (await first.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1))).Id;
                (await first.PostSnapshotAsync(Photos.AlSharpton(2))).EnsureSuccessStatusCode();
            }

            await using var second = new FaceAttendanceApp(dataDir, morning.AddHours(1));
            var response = await second.PostSnapshotAsync(Photos.AlSharpton(6));
            var result = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<AttendanceResult>(response.Content, Json.Options);

            result!.Person!.Id.Should().Be(alId);
            result.Status.Should().Be(AttendanceStatus.CheckedOut, "the check-in before the restart was kept");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task AnUploadUrlIssuedBeforeARestartStillWorksAfterIt()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"fa-web-keys-{Guid.NewGuid():N}");
        try
        {
            FaceAttendance.Web.Storage.PresignResponse upload;
            await using (var first = new FaceAttendanceApp(dataDir))
            {
                using var client = first.CreateClient();
                upload = await FaceAttendanceApp.PresignAsync(client);
            }

            await using var second = new FaceAttendanceApp(dataDir);
            using var secondClient = second.CreateClient();
            var response = await FaceAttendanceApp.PutAsync(secondClient, upload, Photos.AlSharpton(1));

            response.StatusCode.Should().Be(HttpStatusCode.OK, "the Data Protection key ring is kept in DataDir/keys");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task FacesMadeByAnotherModelAreReembeddedFromTheirPhotosAtStart()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"fa-web-model-{Guid.NewGuid():N}");
        try
        {
            await using (var first = new FaceAttendanceApp(dataDir))
            {
                await first.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
            }
            await ExecuteSqlAsync(dataDir, "UPDATE Faces SET ModelId = 'retired-model', Embedding = zeroblob(512)");

            await using var second = new FaceAttendanceApp(dataDir);
            var result = await second.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6));

            result.Status.Should().Be(AttendanceStatus.CheckedIn);
            await using var scope = second.Services.CreateAsyncScope();
            var face = await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().Faces.SingleAsync();
            face.ModelId.Should().Be(second.Engine.ModelId);
            face.Embedding.Should().Contain(b => b != 0);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task DeletingAPersonErasesTheirFacesSoTheSamePhotoIsThenUnknownButHistoryKeepsTheName()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1), Photos.AlSharpton(2));
        (await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6))).Status.Should().Be(AttendanceStatus.CheckedIn);
        using var admin = app.CreateAdminClient();

        (await admin.DeleteAsync($"/api/people/{al.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6))).Status.Should().Be(AttendanceStatus.Unknown);
        (await admin.GetAsync($"/api/people/{al.Id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        Directory.EnumerateFiles(Path.Combine(app.DataDir, "objects", "faces"), "*", SearchOption.AllDirectories).Should().BeEmpty();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        (await db.Faces.CountAsync()).Should().Be(0);
        (await db.AttendanceEvents.SingleAsync()).Should().BeEquivalentTo(new { PersonId = (Guid?)null, PersonName = "Al Sharpton", EmployeeId = "E100" });
    }

    [Fact]
    public async Task DeletingOneFaceStopsItBeingMatched()
    {
        await using var app = new FaceAttendanceApp();
        var al = await app.CreatePersonAsync("E100", "Al Sharpton");
        var enrolled = await app.EnrolAsync(al.Id, Photos.AlSharpton(1));
        var faceId = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<FaceAttendance.Web.People.EnrolledFaceResponse>(enrolled.Content, Json.Options))!.FaceId;
        using var admin = app.CreateAdminClient();

        (await admin.DeleteAsync($"/api/people/{al.Id}/faces/{faceId}")).StatusCode.Should().Be(HttpStatusCode.NoContent);

        (await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6))).Status.Should().Be(AttendanceStatus.Unknown);
        (await admin.DeleteAsync($"/api/people/{al.Id}/faces/{faceId}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private static async Task ExecuteSqlAsync(string dataDir, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(dataDir, "attendance.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
