using FaceAttendance.Vision;
using SkiaSharp;

namespace FaceAttendance.Tests.Vision;

public class ImageDecoderTests
{
    private readonly ImageDecoder _decoder = new(new FaceEngineOptions());

    [Fact]
    public void DecodesADevPhotoToRgbPixels()
    {
        using var image = _decoder.Decode(TestImages.DevBytes());
        image.Width.Should().Be(250);
        image.Height.Should().Be(250);
        image.Rgb.Length.Should().Be(250 * 250 * 3);
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void AcceptsPngAndWebp(SKEncodedImageFormat format)
    {
        using var photo = TestImages.DevBitmap();
        using var image = _decoder.Decode(TestImages.Encode(photo, format, 100));
        (image.Width, image.Height).Should().Be((250, 250));
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Jpeg, 6300, 6300)]
    [InlineData(SKEncodedImageFormat.Webp, 6300, 6300)]
    [InlineData(SKEncodedImageFormat.Png, 4000, 3000)]
    public void ScalesALargePhotoDownToTheDecodeLimitKeepingItsShape(SKEncodedImageFormat format, int width, int height)
    {
        using var photo = TestImages.DevBitmap();
        using var large = TestImages.Compose(width, height, SKColors.Gray, (photo, new SKRect(0, 0, width, height)));
        using var image = _decoder.Decode(TestImages.Encode(large, format, 80));
        ((long)image.Width * image.Height).Should().BeLessThanOrEqualTo(new FaceEngineOptions().MaxDecodedPixels)
            .And.BeGreaterThan(new FaceEngineOptions().MaxDecodedPixels / 8, "a JPEG scales by eighths, so at worst a quarter of the side");
        ((double)image.Width / image.Height).Should().BeApproximately((double)width / height, 0.01);
    }

    [Fact]
    public void RefusesAPngThatWouldHaveToBeDecodedAtFullSizeAboveItsLimit()
    {
        using var large = new SKBitmap(5000, 4000);
        large.Erase(SKColors.Gray);
        var act = () => _decoder.Decode(TestImages.Encode(large, SKEncodedImageFormat.Png));
        var refusal = act.Should().Throw<ImageRejectedException>().Which;
        refusal.Reason.Should().Be(ImageRejection.TooManyPixels);
        refusal.Message.Should().Contain("send a JPEG");
    }

    [Fact]
    public void RefusesEmptyInput() => Refusal([]).Should().Be(ImageRejection.Empty);

    [Fact]
    public void RefusesMoreBytesThanTheLimit()
    {
        var decoder = new ImageDecoder(new FaceEngineOptions { MaxImageBytes = 1000 });
        var act = () => decoder.Decode(TestImages.DevBytes());
        act.Should().Throw<ImageRejectedException>().Which.Reason.Should().Be(ImageRejection.TooLarge);
    }

    [Fact]
    public void RefusesDataThatIsNotAnImage() =>
        Refusal("this is a text file, not a photo"u8.ToArray()).Should().Be(ImageRejection.Undecodable);

    [Fact]
    public void RefusesATruncatedJpegThatSkiaCouldPartlyDecode()
    {
        var jpeg = TestImages.DevBytes();
        Refusal(jpeg[..(jpeg.Length / 2)]).Should().Be(ImageRejection.Undecodable);
    }

    [Fact]
    public void RefusesAPngHeaderClaimingTenBillionPixelsBeforeDecoding() =>
        Refusal(TestImages.PngClaiming(100_000, 100_000)).Should().Be(ImageRejection.TooManyPixels);

    [Fact]
    public void RefusesARealImageWithMorePixelsThanTheLimit()
    {
        using var photo = TestImages.DevBitmap();
        var decoder = new ImageDecoder(new FaceEngineOptions { MaxImagePixels = 200 * 200 });
        var act = () => decoder.Decode(TestImages.Encode(photo));
        act.Should().Throw<ImageRejectedException>().Which.Reason.Should().Be(ImageRejection.TooManyPixels);
    }

    [Fact]
    public void RefusesGifAndBmpWithAMessageNamingTheAcceptedFormats()
    {
        // Skia can read but not write these, so the smallest valid files are spelled out.
        byte[] gif = [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 255, 255, 255, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B];
        byte[] bmp = [.. "BM"u8, 58, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 24, 0,
            0, 0, 0, 0, 4, 0, 0, 0, 0x13, 0x0B, 0, 0, 0x13, 0x0B, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10, 20, 30, 0];
        foreach (var bytes in new[] { gif, bmp })
        {
            var act = () => _decoder.Decode(bytes);
            var refusal = act.Should().Throw<ImageRejectedException>().Which;
            refusal.Reason.Should().Be(ImageRejection.Undecodable);
            refusal.Message.Should().Contain("JPEG, PNG or WebP");
        }
    }

    private ImageRejection Refusal(byte[] bytes)
    {
        var act = () => _decoder.Decode(bytes);
        return act.Should().Throw<ImageRejectedException>().Which.Reason;
    }
}
