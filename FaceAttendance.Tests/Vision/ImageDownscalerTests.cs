using FaceAttendance.Vision.Detection;

namespace FaceAttendance.Tests.Vision;

public class ImageDownscalerTests
{
    [Fact]
    public void EachOutputPixelIsTheCoverageWeightedMeanOfItsSourcePixels()
    {
        // 3 → 2 columns: output 0 covers source 0 and half of 1, output 1 the other half of 1 and source 2
        byte[] row = [0, 0, 0, 30, 30, 30, 60, 60, 60];
        using var source = TestImages.FromRgb(3, 2, [.. row, .. row]);

        using var small = ImageDownscaler.Downscale(source, 2, 1);

        small.Rgb.ToArray().Should().Equal(10, 10, 10, 50, 50, 50);
    }
}
