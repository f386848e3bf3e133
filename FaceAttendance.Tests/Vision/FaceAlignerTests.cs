using FaceAttendance.Vision;

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
            var transform = FaceAligner.ChipToImage(reference.Tensor($"mesh_face{i}"));
            var expectedMatrix = reference.Face(i).GetProperty("alignMatrix").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            double[] actualMatrix = [transform.M0, transform.M1, transform.M2, transform.M3, transform.M4, transform.M5];
            actualMatrix.Should().Equal(expectedMatrix, (a, e) => Math.Abs(a - e) < 1e-9);

            var chip = new float[FaceAligner.ChipSize * FaceAligner.ChipSize * 3];
            FaceAligner.Extract(rgb, reference.Width, reference.Height, 3, transform, chip);
            var expected = reference.Tensor($"aligned_face{i}");
            var worst = chip.Zip(expected, (a, e) => Math.Abs(a - e)).Max();
            worst.Should().BeLessThan(1e-3f, "face {0} of {1}", i, name);
        }
    }
}
