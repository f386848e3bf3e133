using System.Net.Http.Json;
using FaceAttendance.Cli.EnrolFolder;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Http;
using FaceAttendance.Web.People;
using CliProgram = FaceAttendance.Cli.Program;

namespace FaceAttendance.Tests.Cli;

/// <summary>enrol-folder against the real app: Al_Sharpton/ named by its folder, greenspan/ by its person.json, two
/// photos the engine accepts each, a text file posing as a photo and a text file that is plainly not one.</summary>
public sealed class EnrolFolderTests : IDisposable
{
    private readonly string _staff = Path.Combine(Path.GetTempPath(), $"fa-staff-{Guid.NewGuid():N}");

    public EnrolFolderTests()
    {
        AddPhotos("Al_Sharpton", "Al_Sharpton", 1, 2);
        File.WriteAllText(Path.Combine(_staff, "Al_Sharpton", "not-a-photo.jpg"), "a text file with a photo's name");
        File.WriteAllText(Path.Combine(_staff, "Al_Sharpton", "notes.txt"), "not a photo at all");
        AddPhotos("greenspan", "Alan_Greenspan", 2, 3);
        File.WriteAllText(Path.Combine(_staff, "greenspan", "person.json"),
            """{"employeeId": "E200", "name": "Alan Greenspan", "email": "alan@example.org"}""");
    }

    [Fact]
    public async Task EnrollingAFolderCreatesEachPersonWithTheirPhotosAndReportsTheNonImageAsRefused()
    {
        await using var app = new FaceAttendanceApp();

        var (exitCode, output) = await EnrolFolderAsync(app);

        exitCode.Should().Be(1, output);
        output.Should().Contain("Al_Sharpton/not-a-photo.jpg: refused unsupported-image-type").And.Contain("Al_Sharpton/notes.txt: skipped")
            .And.Contain("2 people (2 created, 0 found); 5 photos: 4 enrolled, 0 already enrolled, 1 refused; 1 other files skipped");
        (await PeopleAsync(app)).Should().BeEquivalentTo(new[]
        {
            new { EmployeeId = "Al_Sharpton", Name = "Al Sharpton", Email = (string?)null, FaceCount = 2 },
            new { EmployeeId = "E200", Name = "Alan Greenspan", Email = (string?)"alan@example.org", FaceCount = 2 },
        });
    }

    [Fact]
    public async Task EnrollingTheSameFolderAgainReusesThePeopleAndSendsOnlyWhatDidNotGetIn()
    {
        await using var app = new FaceAttendanceApp();
        await EnrolFolderAsync(app);
        var before = await PeopleAsync(app);

        var (exitCode, output) = await EnrolFolderAsync(app);

        exitCode.Should().Be(1, "the non-image is refused again");
        output.Should().Contain("Al_Sharpton: found Al_Sharpton (Al Sharpton) with 2 faces").And.Contain("greenspan: found E200")
            .And.Contain("greenspan/Alan_Greenspan_0003.jpg: already enrolled").And.Contain("Al_Sharpton/not-a-photo.jpg: refused")
            .And.Contain("2 people (0 created, 2 found); 5 photos: 0 enrolled, 4 already enrolled, 1 refused");
        (await PeopleAsync(app)).Should().BeEquivalentTo(before);
    }

    [Fact]
    public async Task AWrongApiKeyOrAnUnreachableAppStopsTheRunWithExitCode2()
    {
        await using var app = new FaceAttendanceApp();
        using var wrongKey = app.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", "not-the-key");
        var errors = new StringWriter();

        var refused = await EnrolFolderCommand.RunAsync(wrongKey, _staff, consentGiven: true, TextWriter.Null, errors, CancellationToken.None);
        var unreachable = await CliProgram.Main(["enrol-folder", "--url", "http://127.0.0.1:9", "--api-key", "k", _staff]);

        refused.Should().Be(2);
        errors.ToString().Should().Contain("refused the API key");
        unreachable.Should().Be(2);
        (await PeopleAsync(app)).Should().BeEmpty();
    }

    [Theory]
    [InlineData("--api-key", "k", "{staff}")]
    [InlineData("--url", "http://localhost:5000", "--api-key", "k")]
    [InlineData("--url", "not a url", "--api-key", "k", "{staff}")]
    [InlineData("--url", "http://127.0.0.1:9", "--api-key", "k", "{staff}/Al_Sharpton")]
    [InlineData("--url", "http://localhost:5000", "--api-key", "k", "{staff}/no-such-folder")]
    public async Task UsageErrorsAndAFolderWithoutPersonFoldersExitWith2BeforeAnyRequest(params string[] args) =>
        (await CliProgram.Main(["enrol-folder", .. args.Select(a => a.Replace("{staff}", _staff, StringComparison.Ordinal))])).Should().Be(2);

    public void Dispose() => Directory.Delete(_staff, recursive: true);

    private void AddPhotos(string folder, string person, params int[] numbers)
    {
        Directory.CreateDirectory(Path.Combine(_staff, folder));
        foreach (var n in numbers)
        {
            var name = $"{person}_{n:0000}.jpg";
            File.Copy(Path.Combine(TestPaths.FacesDir, person, name), Path.Combine(_staff, folder, name));
        }
    }

    private async Task<(int ExitCode, string Output)> EnrolFolderAsync(FaceAttendanceApp app)
    {
        using var admin = app.CreateAdminClient();
        var output = new StringWriter();
        var exitCode = await EnrolFolderCommand.RunAsync(admin, _staff, consentGiven: true, output, output, CancellationToken.None);
        return (exitCode, output.ToString());
    }

    private static async Task<IReadOnlyList<PersonResponse>> PeopleAsync(FaceAttendanceApp app)
    {
        using var admin = app.CreateAdminClient();
        return (await admin.GetFromJsonAsync<Page<PersonResponse>>("/api/people", Json.Options))!.Items;
    }
}
