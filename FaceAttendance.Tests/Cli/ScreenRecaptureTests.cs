using FaceAttendance.Cli.Eval;
using FaceAttendance.Tests.Vision;
using FaceAttendance.Tests.Web;

namespace FaceAttendance.Tests.Cli;

/// <summary>The synthetic screen re-capture liveness-compare scores: still a photo of the same face, visibly a screen.</summary>
[Collection(nameof(EngineCollection))]
public class ScreenRecaptureTests(EngineFixture engine)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TheRecaptureKeepsTheFaceFindableButIsNotThePhoto(bool glare)
    {
        var photo = Photos.AlSharpton(1);

        var recapture = ScreenRecapture.Make(photo, glare);

        using var original = engine.Engine.Decode(photo);
        using var shown = engine.Engine.Decode(recapture);
        (shown.Width, shown.Height).Should().Be((original.Width, original.Height));
        var face = engine.Engine.Detect(shown).Should().ContainSingle().Subject;
        face.Box.Width.Should().BeLessThan(engine.Engine.Detect(original).Single().Box.Width * 0.9f, "the screen shows the photo at 80 %");
        // the bezel: a dark frame around the screen area, on a grey background
        PixelAt(shown, shown.Width * 0.07, shown.Height / 2.0).Should().BeLessThan(60);
        PixelAt(shown, 2, shown.Height / 2.0).Should().BeInRange(90, 150);
    }

    private static int PixelAt(FaceAttendance.Vision.FaceImage image, double x, double y)
    {
        var offset = (int)y * image.RowBytes + (int)x * 3;
        return (image.Rgb[offset] + image.Rgb[offset + 1] + image.Rgb[offset + 2]) / 3;
    }
}
