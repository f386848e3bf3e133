using System.Runtime.Versioning;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.Data;

/// <summary>What the app leaves on disk: readable by its own user only, and a key ring that the database alone does
/// not give away.</summary>
[SupportedOSPlatform("linux")]
public sealed class DataAtRestTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task DataDirAndEveryFileInItAreTheAppUsersOnly()
    {
        await using var app = new FaceAttendanceApp();
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        (await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6))).Status.Should().Be(FaceAttendance.Web.Attendance.AttendanceStatus.CheckedIn);

        File.GetUnixFileMode(app.DataDir).Should().Be(OwnerReadWrite | UnixFileMode.UserExecute);
        var files = Directory.EnumerateFiles(app.DataDir, "*", SearchOption.AllDirectories).ToList();
        files.Select(Path.GetFileName).Should().Contain(["attendance.db", KeyRingKey.FileName, DataDirLock.FileName]);
        files.Should().Contain(file => file.Contains("snapshots")).And.Contain(file => file.Contains("faces"));
        files.Should().AllSatisfy(file => File.GetUnixFileMode(file).Should().Be(OwnerReadWrite, file));
        Directory.EnumerateDirectories(app.DataDir, "*", SearchOption.AllDirectories)
            .Should().AllSatisfy(folder => File.GetUnixFileMode(folder).Should().Be(OwnerReadWrite | UnixFileMode.UserExecute, folder));
    }

    [Fact]
    public async Task TheKeyRingInTheDatabaseIsEncryptedAndUselessUnderAnotherKey()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"fa-keyring-{Guid.NewGuid():N}");
        PresignResponse upload;
        PairedKioskClient pairedKiosk;
        await using (var app = new FaceAttendanceApp(dataDir))
        {
            pairedKiosk = await app.PairKioskAsync();
            using var kiosk = pairedKiosk.Authorise(app.CreateClient());
            upload = await FaceAttendanceApp.PresignAsync(kiosk); // signed with the key ring's key
            await using var scope = app.Services.CreateAsyncScope();
            var keys = await scope.ServiceProvider.GetRequiredService<AttendanceDbContext>().DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
            keys.Should().NotBeEmpty().And.AllSatisfy(xml => xml.Should().Contain("<encryptedKey").And.NotContain("<masterKey"));
        }
        File.WriteAllBytes(Path.Combine(dataDir, KeyRingKey.FileName), new byte[KeyRingKey.Size]);

        await using var withOtherKey = new FaceAttendanceApp(dataDir);
        // the same kiosk, whose token the database still knows: only the upload URL's signature is unreadable
        using var client = pairedKiosk.Authorise(withOtherKey.CreateClient());
        var put = await FaceAttendanceApp.UploadAsync(client, upload, Photos.AlSharpton(6));

        await put.ShouldBeProblemAsync(System.Net.HttpStatusCode.Forbidden, "upload-not-authorised");
        pairedKiosk.Dispose();
        await withOtherKey.DisposeAsync();
        Directory.Delete(dataDir, recursive: true);
    }
}
