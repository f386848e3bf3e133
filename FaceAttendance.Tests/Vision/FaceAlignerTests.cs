using FaceAttendance.Vision;
using FaceAttendance.Vision.Detection;

namespace FaceAttendance.Tests.Vision;

public class FaceAlignerTests
{
    [Theory]
    [MemberData(nameof(JsReference.Names), MemberType = typeof(JsReference))]
    public void AlignedChipMatchesTheJsRecipeOnTheSameMesh(string name)
    {
        var reference = JsReference.Named(name);
        var rgb = reference.Rgb();
        for (var i = 0; i < reference.FaceCount; i++)
        {
            var transform = FaceAligner.ChipToImage(MeshGeometry.Landmarks(reference.Tensor($"mesh_face{i}")));
            var expectedMatrix = reference.Face(i).GetProperty("alignMatrix").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            double[] actualMatrix = [transform.M0, transform.M1, transform.M2, transform.M3, transform.M4, transform.M5];
            actualMatrix.Should().Equal(expectedMatrix, (a, e) => Math.Abs(a - e) < 1e-9);

            var chip = new float[FaceAligner.ChipValues];
            FaceAligner.Extract(rgb, reference.Width, reference.Height, 3, transform, chip);
            var expected = reference.Tensor($"aligned_face{i}");
            var worst = chip.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
            worst.Should().BeLessThan(1e-3f, "face {0} of {1}", i, name);
        }
    }

    [Fact]
    public void ALargeFaceIsAveragedNotPointSampled()
    {
        // the same photo 4x larger with a pixel-level checkerboard of +-40 (sensor noise, fine texture) must give
        // nearly the original chip: the pattern averages out instead of folding into the chip
        var reference = JsReference.All().First();
        var (width, height, rgb) = (reference.Width, reference.Height, reference.Rgb());
        var large = new byte[16 * rgb.Length];
        for (var y = 0; y < 4 * height; y++)
        {
            for (var x = 0; x < 4 * width; x++)
            {
                for (var c = 0; c < 3; c++)
                {
                    var value = rgb[((y / 4) * width + x / 4) * 3 + c] + ((x + y) % 2 == 0 ? 40 : -40);
                    large[(y * 4 * width + x) * 3 + c] = (byte)Math.Clamp(value, 0, 255);
                }
            }
        }
        var mesh = reference.Tensor("mesh_face0");
        var largeMesh = mesh.Select((v, i) => i % 3 == 2 ? v : 4 * v + 1.5f).ToArray();

        var original = new float[FaceAligner.ChipValues];
        FaceAligner.Extract(rgb, width, height, 3, FaceAligner.ChipToImage(MeshGeometry.Landmarks(mesh)), original);
        var fromLarge = new float[original.Length];
        FaceAligner.Extract(large, 4 * width, 4 * height, 3, FaceAligner.ChipToImage(MeshGeometry.Landmarks(largeMesh)), fromLarge);

        original.Zip(fromLarge, (a, b) => Math.Abs(a - b)).Average().Should().BeLessThan(4);
    }

    [Fact]
    public void ASmallFaceIsUpsampledIntoAFullChip()
    {
        // a face a third the size: every chip pixel is one bilinear sample, and the chip still resembles the original
        var reference = JsReference.All().First();
        var (width, height, rgb) = (reference.Width, reference.Height, reference.Rgb());
        var small = new byte[(width / 3) * (height / 3) * 3];
        for (var i = 0; i < small.Length; i++)
        {
            var (pixel, c) = (i / 3, i % 3);
            small[i] = rgb[((pixel / (width / 3)) * 3 * width + (pixel % (width / 3)) * 3) * 3 + c];
        }
        var mesh = reference.Tensor("mesh_face0");
        var smallMesh = mesh.Select((v, i) => i % 3 == 2 ? v : v / 3).ToArray();

        var chip = new float[FaceAligner.ChipValues];
        FaceAligner.Extract(small, width / 3, height / 3, 3, FaceAligner.ChipToImage(MeshGeometry.Landmarks(smallMesh)), chip);

        chip.Should().OnlyContain(v => float.IsFinite(v));
        var original = reference.Tensor("aligned_face0");
        chip.Zip(original, (a, b) => Math.Abs(a - b)).Average().Should().BeLessThan(20);
    }
}
