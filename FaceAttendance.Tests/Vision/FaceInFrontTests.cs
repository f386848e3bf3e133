using FaceAttendance.Cli.Front;
using FaceAttendance.Vision;
using SkiaSharp;

namespace FaceAttendance.Tests.Vision;

public sealed class FaceInFrontTests
{
    private const string Main = "Al_Sharpton/Al_Sharpton_0001.jpg";
    private const string Bystander = "Art_Howe/Art_Howe_0001.jpg";

    [Theory]
    [InlineData(0.9f, BystanderPlace.NearCentral)]
    [InlineData(1.0f, BystanderPlace.NearCentral)]
    public void TakesTheCentralFaceOverAFaceAsWideBehindIt(float scale, BystanderPlace place)
    {
        var (jpeg, main, _) = TestImages.WithBystanderBehind(TestImages.DevBytes(Main), TestImages.DevBytes(Bystander), scale, place);
        var faces = TestImages.Faces(jpeg);

        var choice = FaceInFront.Choose(faces, FrontComposite.Width, FrontComposite.Height);

        faces.Should().HaveCount(2);
        FrontCommand.Largest(faces).Should().BeNull("the rule before refused a second face over half the largest's area");
        choice.IsAmbiguous.Should().BeFalse();
        FrontComposite.Contains(main, choice.Face!.Box).Should().BeTrue();
    }

    [Fact]
    public void RefusesTwoFacesOfOneSizeSideBySideAsEquallyInFront()
    {
        using var left = TestImages.DevBitmap(Main);
        using var right = TestImages.DevBitmap(Bystander);
        using var composite = TestImages.Compose(500, 250, SKColors.Gray, (left, SKRect.Create(0, 0, 250, 250)), (right, SKRect.Create(250, 0, 250, 250)));
        var faces = TestImages.Faces(TestImages.Encode(composite));

        var choice = FaceInFront.Choose(faces, 500, 250);

        faces.Should().HaveCount(2);
        choice.IsAmbiguous.Should().BeTrue();
    }

    [Fact]
    public void AFaceUnderHalfTheWidestsWidthIsNotTakenEvenAtTheCentre()
    {
        DetectedFace[] faces = [Face(x: 20, width: 200), Face(x: 300, width: 90)]; // the small one is centred on a 700 px frame

        var choice = FaceInFront.Choose(faces, 700, 300);

        choice.Face.Should().BeSameAs(faces[0]);
        choice.IsAmbiguous.Should().BeFalse();
    }

    [Theory]
    [InlineData(0.1f, true)]   // as near the centre: either could be the one at the kiosk
    [InlineData(0.3f, false)]  // a third of a face further out: beside the one in the oval
    public void TwoFacesOfOneWidthAreEquallyPlausibleOnlyWhenAsNearTheCentre(float furtherOutFaceWidths, bool ambiguous)
    {
        const int width = 100;
        var near = Face(x: 400 - width / 2 + 60, width);                               // 60 px right of centre
        var far = Face(x: 400 - width / 2 - 60 - furtherOutFaceWidths * width, width); // further left

        var choice = FaceInFront.Choose([far, near], 800, 300);

        choice.Face.Should().BeSameAs(near);
        choice.IsAmbiguous.Should().Be(ambiguous);
    }

    private static DetectedFace Face(float x, float width)
    {
        var centre = new PointF(x + width / 2, 150);
        return new DetectedFace(new FaceBox(x, 150 - width / 2, width, width), 0.9f,
            new FaceLandmarks(centre, centre, centre, centre, centre), new float[468 * 3]);
    }
}
