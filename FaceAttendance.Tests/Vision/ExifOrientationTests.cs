using SkiaSharp;

namespace FaceAttendance.Tests.Vision;

public class ExifOrientationTests
{
    [Fact]
    public void APhotoStoredSidewaysWithOrientation6IsDecodedUprightAndItsFaceFound()
    {
        // a 300×250 photo, stored turned a quarter anticlockwise (250×300) with the tag that says "turn clockwise to view"
        using var photo = TestImages.DevBitmap();
        using var upright = TestImages.Compose(300, 250, SKColors.Gray, (photo, SKRect.Create(50, 0, 250, 250)));
        using var sideways = TestImages.RotatedAnticlockwise(upright);
        var tagged = TestImages.WithExifOrientation(TestImages.Encode(sideways), 6);

        using var image = SharedDetector.Decoder.Decode(tagged);
        (image.Width, image.Height).Should().Be((300, 250));

        var expected = FaceDetectorTests.Detect(TestImages.Encode(upright)).Single().Landmarks;
        var actual = SharedDetector.Instance.Detect(image).Should().ContainSingle().Subject.Landmarks;
        actual.LeftEye.X.Should().BeApproximately(expected.LeftEye.X, 3);
        actual.LeftEye.Y.Should().BeApproximately(expected.LeftEye.Y, 3);
        actual.MouthRight.X.Should().BeApproximately(expected.MouthRight.X, 3);
        actual.MouthRight.Y.Should().BeApproximately(expected.MouthRight.Y, 3);
    }

    [Fact]
    public void WithoutTheTagTheSameBytesDecodeSideways()
    {
        using var photo = TestImages.DevBitmap();
        using var upright = TestImages.Compose(300, 250, SKColors.Gray, (photo, SKRect.Create(50, 0, 250, 250)));
        using var sideways = TestImages.RotatedAnticlockwise(upright);

        using var image = SharedDetector.Decoder.Decode(TestImages.Encode(sideways));

        (image.Width, image.Height).Should().Be((250, 300));
    }
}
