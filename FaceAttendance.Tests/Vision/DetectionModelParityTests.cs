using FaceAttendance.Vision.Detection;

namespace FaceAttendance.Tests.Vision;

/// <summary>The converted models inside the C# pipeline against Human's run on the same decoded pixels.</summary>
public class DetectionModelParityTests
{
    [Theory]
    [MemberData(nameof(JsReference.Names), MemberType = typeof(JsReference))]
    public void DetectedFacesMatchHumansBoxesAndMesh(string name)
    {
        var reference = JsReference.Named(name);
        using var image = TestImages.FromRgb(reference.Width, reference.Height, reference.Rgb());
        var faces = SharedDetector.Instance.Detect(image);

        faces.Should().HaveCount(reference.FaceCount);
        for (var f = 0; f < reference.FaceCount; f++)
        {
            var expectedBox = reference.Face(f).GetProperty("box").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            var match = faces.MaxBy(face => IoU(face.Box, expectedBox))!;
            IoU(match.Box, expectedBox).Should().BeGreaterThanOrEqualTo(0.95f, "face {0}", f);
            MeanPointDistance(match.Mesh, reference.Tensor($"mesh_face{f}")).Should().BeLessThan(1.5f, "face {0}", f);
        }
    }

    [Theory]
    [MemberData(nameof(JsReference.Names), MemberType = typeof(JsReference))]
    public void BlazeFaceRawOutputMatchesHumans(string name)
    {
        var reference = JsReference.Named(name);
        var raw = new float[BlazeFaceAnchors.Count * BlazeFace.Columns];
        SharedDetector.Instance.BlazeFaceRawOutput(reference.Tensor("blazeface_input"), raw);
        DetectionParityTests.MaxDifference(raw, DetectionParityTests.HumanRawOutput(reference)).Should().BeLessThan(1e-2f, "regressors are input pixels, up to about 100");
    }

    private static float IoU(FaceAttendance.Vision.FaceBox a, float[] b)
    {
        var width = Math.Max(0, Math.Min(a.X + a.Width, b[0] + b[2]) - Math.Max(a.X, b[0]));
        var height = Math.Max(0, Math.Min(a.Y + a.Height, b[1] + b[3]) - Math.Max(a.Y, b[1]));
        var intersection = width * height;
        return intersection / (a.Width * a.Height + b[2] * b[3] - intersection);
    }

    internal static float MeanPointDistance(float[] mesh, float[] expected)
    {
        var total = 0.0;
        for (var i = 0; i < expected.Length; i += 3)
        {
            total += Math.Sqrt(Math.Pow(mesh[i] - expected[i], 2) + Math.Pow(mesh[i + 1] - expected[i + 1], 2));
        }
        return (float)(total / (expected.Length / 3));
    }
}
