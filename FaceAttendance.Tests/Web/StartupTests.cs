using FaceAttendance.Tests.Web.Support;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace FaceAttendance.Tests.Web;

/// <summary>Start-up as an operator meets it, on real processes: a start killed mid-migration does not wedge the next
/// one, a second process on the same SQLite data dir is refused, and every failed start ends with one line and a
/// non-zero exit.</summary>
public sealed class StartupTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"fa-startup-{Guid.NewGuid():N}");

    private Dictionary<string, string> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["FaceAttendance:DataDir"] = _dataDir,
            ["FaceAttendance:Admin:ApiKey"] = "startup-tests-api-key",
            ["FaceAttendance:Admin:Password"] = "startup-tests-password",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return settings;
    }

    private string DatabaseFile => Path.Combine(_dataDir, "attendance.db");

    [Fact]
    public async Task AStartKilledDuringMigrationLeavesALockThatTheNextStartClears()
    {
        var first = AppProcess.Launch(Settings());
        var killedMidMigration = false;
        // EF holds the lock for a moment only; a poll that misses it gives up once the start is surely over
        var polling = System.Diagnostics.Stopwatch.StartNew();
        while (!first.HasExited && polling.Elapsed < TimeSpan.FromSeconds(10) && !(killedMidMigration = HoldsMigrationLock()))
        {
            await Task.Delay(1);
        }
        await first.KillAsync();
        if (!killedMidMigration || !HoldsMigrationLock())
        {
            // the kill came too late to catch EF in the act: leave exactly what it leaves
            InsertMigrationLock();
        }
        output.WriteLine(killedMidMigration ? "killed while EF held the migration lock" : "lock row written by the test");
        HoldsMigrationLock().Should().BeTrue();

        await using var second = AppProcess.Launch(Settings());
        var started = second.WaitUntilHealthyAsync();
        (await Task.WhenAny(started, Task.Delay(TimeSpan.FromSeconds(60)))).Should().Be(started, $"the stale lock must not wedge the start:\n{second.Output}");
        await started;
        second.Output.Should().Contain("migration lock");
    }

    [Fact]
    public async Task ASecondProcessOnTheSameSqliteDataDirRefusesToStart()
    {
        await using var first = await AppProcess.StartAsync(Settings());
        await using var second = AppProcess.Launch(Settings());
        (await second.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().BeTrue(second.Output);
        second.ExitCode.Should().NotBe(0);
        OneLineFailure(second.Output).Should().Contain("another FaceAttendance process").And.Contain(_dataDir);
        using var client = first.CreateClient();
        (await client.GetAsync("/healthz")).IsSuccessStatusCode.Should().BeTrue("the first process keeps running");
    }

    [Theory]
    [InlineData("Storage:Provider", "S3", "Bucket")] // S3 without FaceAttendance:Storage:S3:Bucket
    [InlineData("Database:Provider", "Postgres", "needs ConnectionStrings:Attendance")] // without the connection string
    [InlineData("TimeZone", "Mars/Olympus_Mons", "not a time zone")]
    [InlineData("Uploads:MaxBytes", "5", "MaxBytes")]
    [InlineData("Uploads:UrlLifetime", "02:00:00", "UrlLifetime")]
    [InlineData("Kiosk:RequestsPerMinute", "-1", "RequestsPerMinute")]
    [InlineData("LearnMaxPerPerson", "0", "LearnMaxPerPerson")]
    [InlineData("Admin:Password", "hunter2", "Admin:Password is 7 characters; use at least 12")]
    [InlineData("Admin:ApiKey", "key", "Admin:ApiKey is 3 characters")]
    [InlineData("Engine:Provider", "Rekognition", "FaceMatchThreshold")] // with the threshold below; a local app ignores it
    [InlineData("Oidc:Authority", "not a url", "Oidc:Authority 'not a url' is not an absolute https URL")]
    public async Task ASettingThatIsNotAvailableEndsTheProcessWithOneClearLineAndANonZeroExit(string key, string value, string message)
    {
        await using var app = AppProcess.Launch(Settings(($"FaceAttendance:{key}", value),
            ("FaceAttendance:Engine:Rekognition:FaceMatchThreshold", "150")));
        (await app.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().BeTrue(app.Output);
        app.ExitCode.Should().NotBe(0);
        OneLineFailure(app.Output).Should().Contain(message);
    }

    [Fact]
    public async Task APortAlreadyInUseEndsTheProcessWithOneLine()
    {
        await using var first = await AppProcess.StartAsync(Settings());
        var secondDataDir = _dataDir + "-b";
        try
        {
            await using var second = AppProcess.Launch(Settings(("FaceAttendance:DataDir", secondDataDir)), first.BaseAddress.Port);
            (await second.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().BeTrue(second.Output);
            second.ExitCode.Should().NotBe(0);
            OneLineFailure(second.Output).Should().Contain("address already in use");
        }
        finally
        {
            Directory.Delete(secondDataDir, recursive: true);
        }
    }

    [Fact]
    public async Task GeneratedCredentialsAreShownOnceAfterTheServerStartedAndNeverInALogRecord()
    {
        // no configured credentials; JSON console logs stand for any structured log sink
        Dictionary<string, string> Unconfigured() => new()
        {
            ["FaceAttendance:DataDir"] = _dataDir,
            ["Logging:Console:FormatterName"] = "json",
        };
        var blocker = await AppProcess.StartAsync(Settings(("FaceAttendance:DataDir", _dataDir + "-blocker")));
        try
        {
            await using var failed = AppProcess.Launch(Unconfigured(), blocker.BaseAddress.Port);
            (await failed.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().BeTrue(failed.Output);
            failed.Output.Should().NotContain("Generated admin credentials", "a start that could not bind its port shows none");
        }
        finally
        {
            await blocker.DisposeAsync();
            Directory.Delete(_dataDir + "-blocker", recursive: true);
        }

        await using var app = await AppProcess.StartAsync(Unconfigured());
        var waited = System.Diagnostics.Stopwatch.StartNew(); // the notice follows the start
        while (!app.Output.Contains("X-Api-Key header") && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }
        var apiKey = System.Text.RegularExpressions.Regex.Match(app.Output, @"X-Api-Key header\): (\S+)").Groups[1].Value;
        apiKey.Should().NotBeEmpty(app.Output);
        var logRecords = app.Output.Split('\n').Where(line => line.TrimStart().StartsWith('{')).ToList();
        logRecords.Should().NotBeEmpty().And.AllSatisfy(record => record.Should().NotContain(apiKey));
        using var admin = app.CreateClient();
        admin.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        (await admin.GetAsync("/api/people")).IsSuccessStatusCode.Should().BeTrue();
        // outside Development the API description is for admins only
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app.BaseAddress };
        var document = await anonymous.GetAsync("/openapi/v1.json");
        document.StatusCode.Should().Be(System.Net.HttpStatusCode.Redirect);
        document.Headers.Location!.OriginalString.Should().StartWith("/admin/login?");
        (await admin.GetAsync("/openapi/v1.json")).IsSuccessStatusCode.Should().BeTrue();
    }

    /// <summary>The failure line; and nothing like a stack trace anywhere in the output.</summary>
    private static string OneLineFailure(string processOutput)
    {
        processOutput.Should().NotContain("   at ", "a failed start says why in one line, without a stack trace");
        return processOutput.Split('\n').Should().ContainSingle(line => line.Contains("could not start")).Which;
    }

    private bool HoldsMigrationLock()
    {
        if (!File.Exists(DatabaseFile))
        {
            return false;
        }
        try
        {
            using var connection = new SqliteConnection($"Data Source={DatabaseFile};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM __EFMigrationsLock";
            return (long)command.ExecuteScalar()! > 0;
        }
        catch (SqliteException)
        {
            return false; // no lock table yet, or the file is mid-write
        }
    }

    private void InsertMigrationLock()
    {
        using var connection = new SqliteConnection($"Data Source={DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS "__EFMigrationsLock" ("Id" INTEGER NOT NULL CONSTRAINT "PK___EFMigrationsLock" PRIMARY KEY, "Timestamp" TEXT NOT NULL);
            INSERT OR REPLACE INTO "__EFMigrationsLock" ("Id", "Timestamp") VALUES (1, '2026-12-01 00:00:00');
            """;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
