using FaceAttendance.Vision;
using SkiaSharp;

namespace FaceAttendance.Tests.Vision;

public class FaceDetectorTests
{
    [Fact]
    public void FindsTheOneFaceOfADevPhotoWithSubjectLeftOnTheImageRight()
    {
        var face = Detect(TestImages.DevBytes()).Should().ContainSingle().Subject;

        face.Score.Should().BeGreaterThan(0.9f);
        face.Mesh.Should().HaveCount(468 * 3);
        var (box, marks) = (face.Box, face.Landmarks);
        foreach (var point in new[] { marks.LeftEye, marks.RightEye, marks.NoseTip, marks.MouthLeft, marks.MouthRight })
        {
            point.X.Should().BeInRange(box.X, box.X + box.Width);
            point.Y.Should().BeInRange(box.Y, box.Y + box.Height);
        }
        marks.LeftEye.X.Should().BeGreaterThan(marks.RightEye.X, "the subject's left eye appears on the image's right");
        marks.MouthLeft.X.Should().BeGreaterThan(marks.MouthRight.X);
        marks.NoseTip.Y.Should().BeInRange(marks.LeftEye.Y, marks.MouthLeft.Y);
    }

    [Fact]
    public void FindsNoFaceOnABlankOrNoiseImage()
    {
        using var blank = new SKBitmap(640, 480);
        blank.Erase(new SKColor(200, 200, 200));
        Detect(TestImages.Encode(blank)).Should().BeEmpty();

        var random = new Random(7);
        var noise = new byte[320 * 240 * 3];
        random.NextBytes(noise);
        using var image = TestImages.FromRgb(320, 240, noise);
        SharedDetector.Instance.Detect(image).Should().BeEmpty();
    }

    [Fact]
    public void FindsBothFacesOfTwoPhotosSideBySideLargestFirst()
    {
        using var first = TestImages.DevBitmap();
        using var second = TestImages.DevBitmap(TestImages.OtherDevPhoto);
        using var composite = TestImages.Compose(500, 250, SKColors.Gray, (first, SKRect.Create(0, 0, 250, 250)), (second, SKRect.Create(250, 0, 250, 250)));

        var faces = Detect(TestImages.Encode(composite));

        faces.Should().HaveCount(2);
        faces.Select(f => f.Box.X + f.Box.Width / 2).Should().Contain(x => x < 250).And.Contain(x => x > 250);
        faces[0].Box.Area.Should().BeGreaterThanOrEqualTo(faces[1].Box.Area);
    }

    [Theory]
    [InlineData(360)] // the dev photos' faces are about 45 % of the photo's width: a ~160 px face, 1/8 of the frame
    [InlineData(160)] // the whole photo 1/8 of the frame: a ~72 px face, which BlazeFace sees as ~14 px
    public void FindsASmallFaceInAWideFrame(int photoSide)
    {
        using var photo = TestImages.DevBitmap();
        using var frame = TestImages.Compose(1280, 720, SKColors.DarkSlateGray, (photo, SKRect.Create(700, 200, photoSide, photoSide)));

        var face = Detect(TestImages.Encode(frame)).Should().ContainSingle().Subject;

        face.Landmarks.NoseTip.X.Should().BeInRange(700, 700 + photoSide);
        face.Landmarks.NoseTip.Y.Should().BeInRange(200, 200 + photoSide);
    }

    [Fact]
    public void ReportsFacesOfLargeImagesInOriginalPixels()
    {
        using var photo = TestImages.DevBitmap();
        // 3.8 MP: decoded at full size (under MaxDecodedPixels), downscaled for detection (over DetectionMaxSide)
        using var large = TestImages.Compose(2400, 1600, SKColors.Gray, (photo, SKRect.Create(1200, 600, 1000, 1000)));

        var face = Detect(TestImages.Encode(large)).Should().ContainSingle().Subject;

        var small = Detect(TestImages.DevBytes()).Single();
        var expectedNoseX = 1200 + small.Landmarks.NoseTip.X * 4;
        var expectedNoseY = 600 + small.Landmarks.NoseTip.Y * 4;
        face.Landmarks.NoseTip.X.Should().BeApproximately(expectedNoseX, 16);
        face.Landmarks.NoseTip.Y.Should().BeApproximately(expectedNoseY, 16);
    }

    [Fact]
    public void ConcurrentCallsGiveTheSameFacesAsSequentialOnes()
    {
        var photos = Directory.GetDirectories(TestPaths.FacesDir).Order(StringComparer.Ordinal).Take(8)
            .Select(folder => File.ReadAllBytes(Directory.GetFiles(folder).Order(StringComparer.Ordinal).First())).ToArray();
        var sequential = photos.Select(Detect).ToArray();

        var concurrent = new IReadOnlyList<DetectedFace>[photos.Length];
        Parallel.For(0, photos.Length * 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i => concurrent[i % photos.Length] = Detect(photos[i % photos.Length]));

        for (var i = 0; i < photos.Length; i++)
        {
            concurrent[i].Select(f => f.Box).Should().Equal(sequential[i].Select(f => f.Box));
            concurrent[i].SelectMany(f => f.Mesh).Should().Equal(sequential[i].SelectMany(f => f.Mesh));
        }
    }

    internal static IReadOnlyList<DetectedFace> Detect(byte[] encoded)
    {
        using var image = SharedDetector.Decoder.Decode(encoded);
        return SharedDetector.Instance.Detect(image);
    }
}
