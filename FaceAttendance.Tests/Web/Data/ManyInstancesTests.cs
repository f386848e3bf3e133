using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Admin;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace FaceAttendance.Tests.Web.Data;

/// <summary>
/// Two instances of the app on one PostgreSQL database and one object store (here a folder both use), in this process:
/// nothing but the database connects them, so everything that must agree has to go through it.
/// </summary>
public sealed class ManyInstancesTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly string _name = $"multi-{Guid.NewGuid():N}";
    private FaceAttendanceApp _a = null!;
    private FaceAttendanceApp _b = null!;

    public async Task InitializeAsync()
    {
        await PostgresServer.CreateDatabaseAsync(_name);
        _a = Start();
        _b = Start();
        _ = _a.Services;
        _ = _b.Services; // both started (and the schema migrated by the first) before a test runs
        // each has its kiosk paired before a test times anything
        await _a.KioskAsync();
        await _b.KioskAsync();
    }

    private FaceAttendanceApp Start(Dictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["FaceAttendance:Database:Provider"] = "Postgres",
            ["FaceAttendance:KeyRingKey"] = PostgresServer.KeyRingKey,
            ["ConnectionStrings:Attendance"] = PostgresServer.ConnectionString(_name),
        };
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }
        return new FaceAttendanceApp(Path.Combine(Path.GetTempPath(), "fa-" + _name), settings: settings);
    }

    [Fact]
    public async Task AFaceEnrolledThroughOneInstanceIsRecognisedByTheOtherWithinTwoSecondsAndForgottenAsFast()
    {
        var al = await _a.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));

        var recognised = await TimeUntilAsync(_b, Photos.AlSharpton(6), status => status == AttendanceStatus.CheckedIn);
        using var admin = _a.CreateAdminClient();
        var person = await admin.GetFromJsonAsync<PersonDetails>($"/api/people/{al.Id}", Json.Options);
        (await admin.DeleteAsync($"/api/people/{al.Id}/faces/{person!.Faces.Single().Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        var forgotten = await TimeUntilAsync(_b, Photos.AlSharpton(6), status => status == AttendanceStatus.Unknown);

        output.WriteLine($"enrolled on A -> recognised on B after {recognised.TotalMilliseconds:0} ms; deleted -> forgotten after {forgotten.TotalMilliseconds:0} ms");
        recognised.Should().BeLessThan(TimeSpan.FromSeconds(2));
        forgotten.Should().BeLessThan(TimeSpan.FromSeconds(2));
        (await _b.CreateAdminClient().GetStringAsync("/api/health")).Should().Contain("\"lag\":0");
    }

    [Fact]
    public async Task TwentyScansOfOnePersonAtOnceSplitOverBothInstancesRecordExactlyOneEvent()
    {
        await _a.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        await TimeUntilAsync(_b, Photos.AlSharpton(6), status => status == AttendanceStatus.CheckedIn);
        await using (var scope = _a.Services.CreateAsyncScope())
        {
            // start from no event, so the twenty race for the one check-in
            await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().AttendanceEvents.ExecuteDeleteAsync();
        }

        var scans = await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            var response = await (i % 2 == 0 ? _a : _b).PostSnapshotAsync(Photos.AlSharpton(6));
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            return (await response.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!.Status;
        }));

        scans.Count(status => status == AttendanceStatus.CheckedIn).Should().Be(1);
        scans.Count(status => status == AttendanceStatus.AlreadyRecorded).Should().Be(19);
        await using var check = _b.Services.CreateAsyncScope();
        (await check.ServiceProvider.GetRequiredService<AttendanceDbContext>().AttendanceEvents.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task AnUploadUrlIssuedByOneInstanceIsAcceptedByTheOther()
    {
        // one kiosk, sent to A for the URL and to B with the upload
        var kiosk = await _a.KioskAsync();
        using var kioskA = kiosk.Authorise(_a.CreateClient());
        using var kioskB = kiosk.Authorise(_b.CreateClient());

        var upload = await FaceAttendanceApp.PresignAsync(kioskA);
        var put = await FaceAttendanceApp.UploadAsync(kioskB, upload, Photos.NeverEnrolled);
        var attendance = await kioskB.PostAsJsonAsync("/attendance", new { key = upload.Key });

        put.StatusCode.Should().Be(HttpStatusCode.OK, "both read the Data Protection key ring from the database");
        (await attendance.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!.Status.Should().Be(AttendanceStatus.Unknown);
    }

    [Fact]
    public async Task AnAdminCookieFromOneInstanceOpensTheOther()
    {
        // cookies handled by hand, to carry A's cookie to B
        using var browserA = _a.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false });
        var loginPage = await browserA.GetAsync("/admin/login");
        var antiforgery = Regex.Match(await loginPage.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        using var form = new HttpRequestMessage(HttpMethod.Post, "/admin/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Password"] = FaceAttendanceApp.AdminPassword,
                ["__RequestVerificationToken"] = antiforgery,
            }),
        };
        form.Headers.Add("Cookie", string.Join("; ", loginPage.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        var login = await browserA.SendAsync(form);
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("FaceAttendance.Admin=")).Split(';')[0];

        using var browserB = _b.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/people");
        request.Headers.Add("Cookie", cookie);
        var response = await browserB.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/api/people");
        forged.Headers.Add("Cookie", cookie[..^8] + "AAAAAAAA");
        (await browserB.SendAsync(forged)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task InstancesStartingTogetherGenerateOneSetOfAdminCredentialsThatEveryInstanceAccepts()
    {
        var unconfigured = new AdminOptions();
        var dataDir = new DataDirOptions { DataDir = _a.DataDir };
        var scopes = _a.Services.GetRequiredService<IServiceScopeFactory>();
        var consoles = Enumerable.Range(0, 4).Select(_ => new StringWriter()).ToArray();

        var instances = await Task.WhenAll(consoles.Select(console => Task.Run(() => new AdminCredentials(unconfigured, dataDir, scopes, console))));

        var printed = consoles.Select(console => console.ToString()).Where(text => text.Length > 0)
            .Should().ContainSingle("only the instance that stored them prints them").Subject;
        var apiKey = Regex.Match(printed, @"X-Api-Key header\): (\S+)").Groups[1].Value;
        var password = Regex.Match(printed, @"Admin password: +(\S+)").Groups[1].Value;
        instances.Should().AllSatisfy(instance =>
        {
            instance.IsApiKey(apiKey).Should().BeTrue();
            instance.IsPassword(password).Should().BeTrue();
        });
    }

    [Fact]
    public async Task ABackgroundJobLeaseIsHeldByOneInstanceAtATime()
    {
        var leasesA = _a.Services.GetRequiredService<JobLeases>();
        var leasesB = _b.Services.GetRequiredService<JobLeases>();
        var hour = TimeSpan.FromHours(1);

        var taken = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => (i % 2 == 0 ? leasesA : leasesB).TryAcquireAsync("test-job", hour, default)));
        var holder = taken[0] ? leasesA : leasesB;
        var other = taken[0] ? leasesB : leasesA;
        var otherClock = taken[0] ? _b.Clock : _a.Clock;

        taken.Where((_, i) => (i % 2 == 0) == taken[0]).Should().AllSatisfy(t => t.Should().BeTrue("the holder may renew its own lease"));
        taken.Where((_, i) => (i % 2 == 0) != taken[0]).Should().AllSatisfy(t => t.Should().BeFalse());
        otherClock.Advance(hour + TimeSpan.FromSeconds(1));
        (await other.TryAcquireAsync("test-job", hour, default)).Should().BeTrue("a lease nobody renewed runs out");
        (await holder.TryAcquireAsync("test-job", hour, default)).Should().BeFalse();
        await other.ReleaseAsync("test-job", default);
        (await holder.TryAcquireAsync("test-job", hour, default)).Should().BeTrue("a released lease is free at once");
    }

    /// <summary>Scans the photo at <paramref name="app"/> until the answer satisfies <paramref name="done"/>; fails after 5 s.</summary>
    private static async Task<TimeSpan> TimeUntilAsync(FaceAttendanceApp app, byte[] photo, Func<AttendanceStatus, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            var response = await app.PostSnapshotAsync(photo);
            if (response.StatusCode == HttpStatusCode.OK &&
                done((await response.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!.Status))
            {
                return clock.Elapsed;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The other instance never saw the change.");
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        await PostgresServer.DropDatabaseAsync(_name);
        if (Directory.Exists(_a.DataDir))
        {
            Directory.Delete(_a.DataDir, recursive: true);
        }
    }
}
