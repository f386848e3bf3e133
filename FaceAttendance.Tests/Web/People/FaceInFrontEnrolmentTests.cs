using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Cli.Front;
using FaceAttendance.Tests.Vision;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.People;

namespace FaceAttendance.Tests.Web.People;

public sealed class FaceInFrontEnrolmentTests
{
    [Fact]
    public async Task APhotoWithAFaceNearlyAsWideBehindIsEnrolledWithTheBoxOfTheFaceInFrontDrawnOnThePersonPageAndRecognisedAtTheKiosk()
    {
        await using var app = new FaceAttendanceApp();
        var person = await app.CreatePersonAsync("E100", "Al Sharpton");
        var enrolPhoto = TestImages.WithBystanderBehind(Photos.AlSharpton(1), Photos.ArtHowe(1), 0.9f, BystanderPlace.NearCentral);

        var response = await app.EnrolAsync(person.Id, enrolPhoto.Jpeg);

        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var box = (await response.Content.ReadFromJsonAsync<EnrolledFaceResponse>(Json.Options))!.Box!;
        (box.PhotoWidth, box.PhotoHeight).Should().Be((FrontComposite.Width, FrontComposite.Height));
        FrontComposite.Contains(enrolPhoto.Main, new(box.X, box.Y, box.Width, box.Height)).Should().BeTrue();
        using (var admin = app.CreateAdminClient())
        {
            var page = await admin.GetStringAsync($"/admin/people/details/{person.Id}");
            page.Should().Contain($"viewBox=\"0 0 {box.PhotoWidth} {box.PhotoHeight}\"")
                .And.Contain($"<rect x=\"{box.X}\" y=\"{box.Y}\" width=\"{box.Width}\" height=\"{box.Height}\"");
        }

        var scan = TestImages.WithBystanderBehind(Photos.AlSharpton(2), Photos.ArtHowe(2), 0.9f, BystanderPlace.NearCentral, toTheLeft: true);
        var answer = await app.CheckAtKioskExpectingResultAsync(scan.Jpeg);

        answer.Person!.Name.Should().Be("Al Sharpton");
    }

    [Fact]
    public async Task APhotoOfTwoFacesEquallyInFrontIsRefusedWithMultipleFaces()
    {
        await using var app = new FaceAttendanceApp();
        var person = await app.CreatePersonAsync("E101", "Al Sharpton");

        var response = await app.EnrolAsync(person.Id, Photos.SideBySide(Photos.AlSharpton(1), Photos.ArtHowe(1)));

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "multiple-faces");
    }
}
