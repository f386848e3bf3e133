using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Sites;
using FaceAttendance.Tests.Web.Support;

namespace FaceAttendance.Tests.Web.Hostile;

/// <summary>A client that sends a number where the API names a choice ("kind": 7) gets a 400, and nothing is stored:
/// a number outside the named values would otherwise be saved as a kind no page or export can name.</summary>
public sealed class EnumNumbersTests
{
    [Theory]
    [InlineData("7")]
    [InlineData("1")]
    [InlineData("\"0\"")]
    public async Task AnEventKindGivenAsANumberIsRefusedAndNothingIsRecorded(string kind)
    {
        await using var app = new FaceAttendanceApp();
        using var owner = app.CreateAdminClient();
        var site = await owner.AddSiteAsync("Depot", "Europe/Berlin");
        var ann = await owner.AddPersonAsync("E1", "Ann", site.Id);
        var at = app.Clock.GetUtcNow().AddHours(-1).ToString("O");

        var added = await owner.PostAsync("/api/attendance", new StringContent(
            $$"""{"personId":"{{ann.Id}}","kind":{{kind}},"at":"{{at}}","reason":"typed from the paper sheet"}""",
            System.Text.Encoding.UTF8, "application/json"));

        await added.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "bad-request");
        (await owner.GetStringAsync("/api/attendance")).Should().Contain("\"items\":[]");
    }
}
