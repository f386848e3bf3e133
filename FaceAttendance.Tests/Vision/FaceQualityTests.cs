using FaceAttendance.Vision;
using SkiaSharp;

namespace FaceAttendance.Tests.Vision;

[Collection(nameof(EngineCollection))]
public class FaceQualityTests(EngineFixture engine)
{
    [Fact]
    public void ASharpWellLitFrontalFacePasses()
    {
        var quality = Assess(TestImages.DevBitmap());
        quality.IsAcceptable.Should().BeTrue();
        quality.Issues.Should().BeEmpty();
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void AGaussianBlurredFaceIsRefusedAsTooBlurred(float sigma)
    {
        using var blur = SKImageFilter.CreateBlur(sigma, sigma);
        Assess(Filtered(new SKPaint { ImageFilter = blur })).Issues.Should().Equal(QualityIssue.TooBlurred);
    }

    [Fact]
    public void ADarkFaceIsRefusedAsTooDark()
    {
        using var dim = SKColorFilter.CreateLighting(new SKColor(25, 25, 25), SKColors.Black);
        Assess(Filtered(new SKPaint { ColorFilter = dim })).Issues.Should().Contain(QualityIssue.TooDark);
    }

    [Fact]
    public void AWashedOutFaceIsRefusedAsTooBright()
    {
        using var glare = SKColorFilter.CreateLighting(new SKColor(60, 60, 60), new SKColor(210, 210, 210));
        Assess(Filtered(new SKPaint { ColorFilter = glare })).Issues.Should().Contain(QualityIssue.TooBright);
    }

    [Fact]
    public void ATinyFaceIsRefusedAsTooSmall()
    {
        using var photo = TestImages.DevBitmap();
        using var small = TestImages.Compose(250, 250, SKColors.Gray, (photo, SKRect.Create(84, 84, 83, 83)));
        Assess(small).Issues.Should().Contain(QualityIssue.TooSmall);
    }

    [Fact]
    public void AssessAndEmbedGivesTheSameQualityAndEmbeddingAsTheTwoCallsAndNoEmbeddingForAPoorFace()
    {
        using var photo = TestImages.DevBitmap();
        using var image = engine.Engine.Decode(TestImages.Encode(photo, SKEncodedImageFormat.Png));
        var face = engine.Engine.Detect(image)[0];

        var (quality, embedding) = engine.Engine.AssessAndEmbed(image, face);

        quality.Should().BeEquivalentTo(engine.Engine.AssessQuality(image, face));
        embedding!.Vector.Should().Equal(engine.Engine.Embed(image, face).Vector);
        embedding.ModelId.Should().Be(engine.Engine.ModelId);

        using var blur = SKImageFilter.CreateBlur(5, 5);
        using var blurredPhoto = Filtered(new SKPaint { ImageFilter = blur });
        using var blurred = engine.Engine.Decode(TestImages.Encode(blurredPhoto, SKEncodedImageFormat.Png));
        var (poorQuality, poorEmbedding) = engine.Engine.AssessAndEmbed(blurred, engine.Engine.Detect(blurred)[0]);
        poorQuality.IsAcceptable.Should().BeFalse();
        poorEmbedding.Should().BeNull();
    }

    private FaceQuality Assess(SKBitmap bitmap)
    {
        using var image = engine.Engine.Decode(TestImages.Encode(bitmap, SKEncodedImageFormat.Png));
        var faces = engine.Engine.Detect(image);
        faces.Should().NotBeEmpty("the altered photo must still show a face for quality to judge");
        return engine.Engine.AssessQuality(image, faces[0]);
    }

    private static SKBitmap Filtered(SKPaint paint)
    {
        using var photo = TestImages.DevBitmap();
        using (paint)
        {
            var result = new SKBitmap(photo.Width, photo.Height);
            using var canvas = new SKCanvas(result);
            using var image = SKImage.FromBitmap(photo);
            canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default, paint);
            return result;
        }
    }
}
