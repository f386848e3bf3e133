using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Aws;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.Storage;
using Xunit.Abstractions;

namespace FaceAttendance.Tests.Web.Data;

/// <summary>Two real app processes on one PostgreSQL database and one S3-compatible store (s3rver), as two machines
/// behind a load balancer would run: the kiosk flow goes through both.</summary>
public sealed class TwoInstancesTests(S3Server s3, ITestOutputHelper output) : IClassFixture<S3Server>, IAsyncLifetime
{
    private const string ApiKey = "two-instances-api-key";
    private readonly string _name = $"two-{Guid.NewGuid():N}";
    private readonly List<string> _dataDirs = [];
    private AppProcess _a = null!;
    private AppProcess _b = null!;

    public async Task InitializeAsync()
    {
        var database = await PostgresServer.CreateDatabaseAsync(_name);
        // started together: EF's migration lock lets one of them create the schema
        var both = await Task.WhenAll(StartAsync(database), StartAsync(database));
        (_a, _b) = (both[0], both[1]);
    }

    private Task<AppProcess> StartAsync(string database)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"fa-{_name}-{_dataDirs.Count}");
        _dataDirs.Add(dataDir);
        var settings = new Dictionary<string, string>(AwsMode.S3Settings(s3))
        {
            ["FaceAttendance:DataDir"] = dataDir,
            ["FaceAttendance:Database:Provider"] = "Postgres",
            ["FaceAttendance:KeyRingKey"] = PostgresServer.KeyRingKey,
            ["ConnectionStrings:Attendance"] = database,
            ["FaceAttendance:Admin:ApiKey"] = ApiKey,
            ["FaceAttendance:Admin:Password"] = "two-instances-password",
            ["FaceAttendance:TimeZone"] = "UTC",
        };
        return AppProcess.StartAsync(settings);
    }

    [Fact]
    public async Task AKioskScanGoesThroughEitherInstanceAndBothAgreeOnWhoIsEnrolledAndWhatWasRecorded()
    {
        using var admin = _a.CreateAdminClient();
        var person = await admin.PostAsJsonAsync("/api/people", new { employeeId = "E100", name = "Al Sharpton", consent = true });
        var personId = (await person.Content.ReadFromJsonAsync<PersonIdOnly>(Json.Options))!.Id;
        var enrolled = await admin.PostAsync($"/api/people/{personId}/faces", FaceAttendanceApp.ImageForm(Photos.AlSharpton(1), ImageFormats.Jpeg));
        enrolled.StatusCode.Should().Be(HttpStatusCode.Created, await enrolled.Content.ReadAsStringAsync());
        var clock = Stopwatch.StartNew();
        // propagation is when B's index holds the face (its /healthz says so), apart from how long a scan then takes
        using var healthB = _b.CreateAdminClient();
        while (!(await healthB.GetStringAsync("/api/health")).Contains("\"faces\":1") && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            await Task.Delay(20);
        }
        var propagation = clock.Elapsed;
        // one kiosk, paired through A, behind a load balancer that sends it to either instance
        using var kiosk = await _a.PairKioskAsync();
        var first = await ScanAsync(kiosk, _b, _b, Photos.AlSharpton(6));
        var again = await ScanAsync(kiosk, _a, _b, Photos.AlSharpton(7)); // presigned by A, recorded by B
        var third = await ScanAsync(kiosk, _b, _a, Photos.AlSharpton(6));

        output.WriteLine($"enrolled through A, in B's index after {propagation.TotalMilliseconds:0} ms");
        first.Status.Should().Be(AttendanceStatus.CheckedIn, _b.Output);
        propagation.Should().BeLessThan(TimeSpan.FromSeconds(2));
        again.Status.Should().Be(AttendanceStatus.AlreadyRecorded);
        // both duplicates name the first check-in and offer to check out, and neither instance recorded another event
        (again with { Offer = null }).Should().Be(first with { Status = AttendanceStatus.AlreadyRecorded, FirstToday = false });
        (third with { Offer = null }).Should().Be(again with { Offer = null });
        new[] { again, third }.Should().AllSatisfy(answer => answer.Offer!.Allowed.Should().Equal(FaceAttendance.Web.Data.AttendanceKind.Out));
        var events = (await admin.GetFromJsonAsync<Page<AttendanceEventResponse>>("/api/attendance", Json.Options))!.Items;
        events.Should().ContainSingle().Which.RecordedAt.Should().BeCloseTo(first.RecordedAt, TimeSpan.FromMilliseconds(1), "PostgreSQL keeps microseconds");
        foreach (var instance in new[] { _a, _b })
        {
            using var client = instance.CreateAdminClient();
            var health = await client.GetStringAsync("/api/health");
            health.Should().Contain("PostgreSQL answers").And.Contain("\"lag\":0");
        }
    }

    /// <summary>The kiosk's way: presign at <paramref name="presign"/>, PUT to the S3 URL, POST the key to <paramref name="record"/>.</summary>
    private static async Task<KioskAnswer> ScanAsync(PairedKioskClient kiosk, AppProcess presign, AppProcess record, byte[] photo)
    {
        using var presignClient = kiosk.Authorise(presign.CreateClient());
        var upload = await FaceAttendanceApp.PresignAsync(presignClient);
        (await FaceAttendanceApp.UploadAsync(presignClient, upload, photo)).EnsureSuccessStatusCode();
        using var recordClient = kiosk.Authorise(record.CreateClient());
        var response = await recordClient.PostAsJsonAsync("/attendance", new { key = upload.Key });
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!;
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_name);
        foreach (var dataDir in _dataDirs.Where(Directory.Exists))
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private sealed record PersonIdOnly(Guid Id);
}
