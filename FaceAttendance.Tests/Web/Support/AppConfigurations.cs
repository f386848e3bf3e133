using FaceAttendance.Tests.Aws;
using FaceAttendance.Web.Storage;
using Microsoft.Data.Sqlite;

namespace FaceAttendance.Tests.Web.Support;

/// <summary>The configurations the end-to-end tests run in.</summary>
public enum AppConfiguration
{
    /// <summary>Objects in DataDir, faces found by the local engine.</summary>
    Local,

    /// <summary>Objects in an S3 bucket (s3rver), faces found through Rekognition's API: the Rekognition-compatible
    /// endpoint of a second app instance that reads the same bucket, so snapshots are passed as S3Object references.</summary>
    Aws,

    /// <summary>As <see cref="Local"/>, with the records in a PostgreSQL database (one per app) instead of SQLite.</summary>
    Postgres,
}

/// <summary>
/// Starts the servers the AWS configuration needs once per test class, and apps in either configuration. Every app has
/// its own DataDir and (in AWS) its own Rekognition collection, named after the DataDir so that a restart finds both.
/// </summary>
public sealed class AppConfigurations : IAsyncLifetime
{
    private readonly S3Server s3 = new();
    private readonly List<string> dataDirs = [];
    private readonly List<string> databases = [];
    private RekognitionServer? rekognition;

    public async Task InitializeAsync()
    {
        await s3.InitializeAsync();
        rekognition = new RekognitionServer(AwsMode.S3Settings(s3));
        _ = rekognition.BaseAddress; // starts it, before the first test is timed
    }

    /// <summary>Where an app in <paramref name="configuration"/> hands out upload URLs: itself, or the S3 server's bucket.</summary>
    public string UploadUrlPrefix(AppConfiguration configuration) => configuration == AppConfiguration.Aws
        ? new Uri(s3.ServiceUrl, $"{S3Server.Bucket}/").ToString() // a POST policy's form names the key, not the URL
        : $"http://localhost/uploads/{ObjectKeys.SnapshotsPrefix}";

    /// <summary>A new app, or with <paramref name="restartOn"/> the DataDir of an earlier one (and so its collection).</summary>
    public FaceAttendanceApp Start(AppConfiguration configuration, DateTimeOffset? now = null, string? restartOn = null)
    {
        var dataDir = restartOn ?? Path.Combine(Path.GetTempPath(), $"fa-e2e-{Guid.NewGuid():N}");
        dataDirs.Add(dataDir);
        var settings = configuration switch
        {
            AppConfiguration.Aws => AwsMode.KioskAppSettings(s3, rekognition!, collection: Path.GetFileName(dataDir))
                .ToDictionary(s => s.Key, s => (string?)s.Value),
            AppConfiguration.Postgres => PostgresSettings(Path.GetFileName(dataDir), create: restartOn is null),
            _ => null,
        };
        return new FaceAttendanceApp(dataDir, now, settings);
    }

    private Dictionary<string, string?> PostgresSettings(string database, bool create)
    {
        if (create)
        {
            PostgresServer.CreateDatabaseAsync(database).GetAwaiter().GetResult();
            databases.Add(database);
        }
        return new()
        {
            ["FaceAttendance:Database:Provider"] = "Postgres",
            ["FaceAttendance:KeyRingKey"] = PostgresServer.KeyRingKey,
            ["ConnectionStrings:Attendance"] = PostgresServer.ConnectionString(database),
        };
    }

    public async Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var dataDir in dataDirs.Where(Directory.Exists))
        {
            Directory.Delete(dataDir, recursive: true);
        }
        foreach (var database in databases)
        {
            await PostgresServer.DropDatabaseAsync(database);
        }
        if (rekognition is not null)
        {
            await rekognition.DisposeAsync();
        }
        await s3.DisposeAsync();
    }
}
