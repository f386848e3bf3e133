using System.Net;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Data;

public sealed class PersistenceTests
{
    [Fact]
    public async Task AnUploadUrlIssuedBeforeARestartStillWorksAfterIt()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"fa-web-keys-{Guid.NewGuid():N}");
        PairedKioskClient? kiosk = null;
        try
        {
            FaceAttendance.Web.Storage.PresignResponse upload;
            await using (var first = new FaceAttendanceApp(dataDir))
            {
                kiosk = await first.PairKioskAsync();
                using var client = kiosk.Authorise(first.CreateClient());
                upload = await FaceAttendanceApp.PresignAsync(client);
            }

            // the same kiosk, still paired after the restart
            await using var second = new FaceAttendanceApp(dataDir);
            using var secondClient = kiosk.Authorise(second.CreateClient());
            var response = await FaceAttendanceApp.UploadAsync(secondClient, upload, Photos.AlSharpton(1));

            response.StatusCode.Should().Be(HttpStatusCode.OK, "the Data Protection key ring is kept in the database");
        }
        finally
        {
            kiosk?.Dispose();
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
            // as a database enrolled by the previous recogniser (dlib's 128-d descriptor) holds it
            await ExecuteSqlAsync(dataDir, "UPDATE Faces SET ModelId = 'retired-model', Embedding = zeroblob(512)");

            await using var second = new FaceAttendanceApp(dataDir);
            var result = await second.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6));

            result.Status.Should().Be(AttendanceStatus.CheckedIn);
            await using var scope = second.Services.CreateAsyncScope();
            var face = await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().Faces.SingleAsync();
            face.ModelId.Should().Be(second.Engine.ModelId);
            face.Embedding.Should().Contain(b => b != 0).And.HaveCount(FaceAttendance.Vision.FaceEngine.EmbeddingDimensions * sizeof(float));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(dataDir, recursive: true);
        }
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
