using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Sites;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Storage;
using Xunit.Abstractions;

namespace FaceAttendance.Tests.Web.Storage;

/// <summary>
/// A real app process whose DataDir is a small tmpfs of its own: the disk fills up, turns read-only, or DataDir is
/// deleted under it. Each fault answers a 503/507 ProblemDetails, never a confirmed write that is lost; the process
/// survives and recovers when the fault is gone. (Root ignores file modes, so the faults are made with the mount.)
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StorageFaultTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string ApiKey = "storage-faults-api-key";
    private readonly string _mount = Path.Combine(Path.GetTempPath(), $"fa-faults-{Guid.NewGuid():N}");
    private string DataDir => Path.Combine(_mount, "data");
    private AppProcess _app = null!;
    // paired before any fault and kept across restarts (the token is in the database): pairing writes, which a fault refuses
    private PairedKioskClient _kiosk = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_mount);
        Mount("-t", "tmpfs", "-o", "size=96m", "tmpfs", _mount);
        _app = await StartAsync();
        _kiosk = await _app.PairKioskAsync();
        // every confirmed scan records: no duplicate window (above), nor a minimum gap at the kiosk's site
        using var admin = Admin();
        await admin.SetPunchingAsync("Head office", minimumGapMinutes: 0);
    }

    private Task<AppProcess> StartAsync(string minFreeBytes = "16777216") => AppProcess.StartAsync(new Dictionary<string, string>
    {
        ["FaceAttendance:DataDir"] = DataDir,
        ["FaceAttendance:Admin:ApiKey"] = ApiKey,
        ["FaceAttendance:Admin:Password"] = "storage-faults-password",
        ["FaceAttendance:Storage:MinFreeBytes"] = minFreeBytes,
        ["FaceAttendance:DuplicateWindow"] = "00:00:00",
    }, requireHealthy: false);

    [Fact]
    public async Task AFullDiskRefusesWritesWith507AndTheAppStartsAndRecoversThere()
    {
        var person = await EnrolAsync();
        (await ScanAsync()).StatusCode.Should().Be(HttpStatusCode.OK);
        var filler = Fill(leaveFreeBytes: 4 << 20); // below MinFreeBytes (16 MB)
        await Task.Delay(1100); // the free-space reading is at most a second old
        var refused = await ScanAsync();
        var health = await Admin().GetAsync("/api/health");
        await _app.DisposeAsync();
        _app = await StartAsync();
        var afterRestart = await ScanAsync();
        var readsStillWork = await Admin().GetAsync($"/api/people/{person}");
        File.Delete(filler);
        await Task.Delay(1100); // the free-space reading is at most a second old
        var afterFreeing = await ScanAsync();

        await refused.ShouldBeProblemAsync(HttpStatusCode.InsufficientStorage, "insufficient-storage");
        health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        (await health.Content.ReadAsStringAsync()).Should().Contain("MinFreeBytes");
        _app.Output.Should().Contain("Starting without room to write");
        await afterRestart.ShouldBeProblemAsync(HttpStatusCode.InsufficientStorage, "insufficient-storage");
        readsStillWork.StatusCode.Should().Be(HttpStatusCode.OK);
        afterFreeing.StatusCode.Should().Be(HttpStatusCode.OK);
        (await EventCountAsync()).Should().Be(2);
    }

    [Fact]
    public async Task ADiskFilledToTheLastByteAnswers507AndLosesNoConfirmedWrite()
    {
        await _app.DisposeAsync();
        _app = await StartAsync(minFreeBytes: "0"); // no margin: the database itself meets the full disk
        await EnrolAsync();
        var confirmed = 0;
        for (var i = 0; i < 3; i++)
        {
            confirmed += (await ScanAsync()).StatusCode == HttpStatusCode.OK ? 1 : 0;
        }
        var filler = Fill(leaveFreeBytes: 0);
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            var answer = await ScanAsync();
            answers.Add(answer.StatusCode);
            confirmed += answer.StatusCode == HttpStatusCode.OK ? 1 : 0;
        }
        File.Delete(filler);
        await _app.DisposeAsync();
        _app = await StartAsync();

        output.WriteLine($"answers on a full disk: {string.Join(", ", answers)}");
        answers.Should().Contain(HttpStatusCode.InsufficientStorage).And.OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.InsufficientStorage);
        (await EventCountAsync()).Should().Be(confirmed, "every confirmed check-in survives the restart");
    }

    [Fact]
    public async Task ADataDirTheAppCannotWriteEndsItsStartWithOneLineThatSaysSo()
    {
        await EnrolAsync();
        await _app.DisposeAsync();
        // as an unprivileged user, for whom the modes count (root ignores them)
        foreach (var entry in Directory.EnumerateFileSystemEntries(_mount, "*", SearchOption.AllDirectories).Prepend(_mount))
        {
            File.SetUnixFileMode(entry, Directory.Exists(entry)
                ? UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                : UnixFileMode.UserRead | UnixFileMode.OtherRead);
        }
        await using var readOnly = AppProcess.Launch(new Dictionary<string, string>
        {
            ["FaceAttendance:DataDir"] = DataDir,
            ["FaceAttendance:Admin:ApiKey"] = ApiKey,
            ["FaceAttendance:Admin:Password"] = "storage-faults-password",
            ["HOME"] = _mount,
        }, asNobody: true);

        (await readOnly.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().BeTrue(readOnly.Output);
        readOnly.ExitCode.Should().NotBe(0);
        readOnly.Output.Split('\n').Should().ContainSingle(line => line.Contains("could not start")).Which.Should().Contain("cannot be written");
    }

    [Fact]
    public async Task ADeletedDataDirAnswers503InsteadOfConfirmingWritesThatWouldBeLost()
    {
        await EnrolAsync();
        Directory.Delete(DataDir, recursive: true);

        var beforeTheReadingNotices = await ScanAsync(); // within a second the cached reading still says fine: the write refuses
        await Task.Delay(1100);
        var refused = await ScanAsync();
        var health = await _app.CreateClient().GetAsync("/healthz");

        await beforeTheReadingNotices.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "data-dir-missing");
        await refused.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "data-dir-missing");
        health.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        _app.HasExited.Should().BeFalse();
        Directory.Exists(DataDir).Should().BeFalse("nothing was written into a new, empty DataDir");
    }

    private HttpClient Admin() => _app.CreateAdminClient();

    private async Task<Guid> EnrolAsync()
    {
        using var admin = Admin();
        var created = await admin.PostAsJsonAsync("/api/people", new { employeeId = "E300", name = "Al Sharpton", consent = true });
        var person = (await created.Content.ReadFromJsonAsync<PersonIdOnly>(Json.Options))!.Id;
        (await admin.PostAsync($"/api/people/{person}/faces", FaceAttendanceApp.ImageForm(Photos.AlSharpton(1), ImageFormats.Jpeg))).EnsureSuccessStatusCode();
        return person;
    }

    private async Task<HttpResponseMessage> ScanAsync()
    {
        using var kiosk = _kiosk.Authorise(_app.CreateClient());
        return await kiosk.PostAsync("/attendance", FaceAttendanceApp.ImageForm(Photos.AlSharpton(6), ImageFormats.Jpeg));
    }

    private async Task<int> EventCountAsync()
    {
        using var admin = Admin();
        var page = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/attendance?pageSize=100");
        return page.GetProperty("total").GetInt32();
    }

    /// <summary>Fills the tmpfs until <paramref name="leaveFreeBytes"/> remain.</summary>
    private string Fill(long leaveFreeBytes)
    {
        var filler = Path.Combine(_mount, "filler");
        using var file = new FileStream(filler, FileMode.Create);
        var chunk = new byte[1 << 20];
        try
        {
            while (new DriveInfo(_mount).AvailableFreeSpace > leaveFreeBytes)
            {
                var room = new DriveInfo(_mount).AvailableFreeSpace - leaveFreeBytes;
                file.Write(chunk, 0, (int)Math.Min(chunk.Length, Math.Max(room, 1)));
                file.Flush();
            }
        }
        catch (IOException) when (leaveFreeBytes == 0)
        {
            // full to the last byte, as asked
        }
        return filler;
    }

    private static void Mount(params string[] arguments)
    {
        var asRoot = Environment.UserName == "root";
        var mount = Process.Start(new ProcessStartInfo(asRoot ? "mount" : "sudo", asRoot ? arguments : ["-n", "mount", .. arguments])
        {
            RedirectStandardError = true,
        })!;
        mount.WaitForExit();
        if (mount.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"These tests mount a small tmpfs and need root or passwordless sudo: mount {string.Join(' ', arguments)} failed: {mount.StandardError.ReadToEnd()}");
        }
    }

    public async Task DisposeAsync()
    {
        _kiosk?.Dispose();
        await _app.DisposeAsync();
        Process.Start("umount", ["-l", _mount])?.WaitForExit();
        Directory.Delete(_mount, recursive: true);
    }

    private sealed record PersonIdOnly(Guid Id);
}
