using FaceAttendance.Vision.Detection;

namespace FaceAttendance.Tests.Vision;

/// <summary>
/// Each detection stage against what Human 3.3.6 computed on the same decoded pixels (tools/js-reference), so a
/// mismatch points at the stage that drifted. Model-free stages are fed Human's own upstream tensors.
/// </summary>
public class DetectionParityTests
{
    [Theory]
    [MemberData(nameof(JsReference.Names), MemberType = typeof(JsReference))]
    public void BlazeFaceInputMatchesHumansResizedTensor(string name)
    {
        var reference = JsReference.Named(name);
        using var image = TestImages.FromRgb(reference.Width, reference.Height, reference.Rgb());
        var input = new float[256 * 256 * 3];
        TensorSampling.ResizeBilinear(image, input, 256, 1 / 127.5f, -1);
        MaxDifference(input, reference.Tensor("blazeface_input")).Should().BeLessThan(1e-3f);
    }

    [Theory]
    [MemberData(nameof(JsReference.Names), MemberType = typeof(JsReference))]
    public void DecodingHumansRawOutputGivesHumansCropBoxes(string name)
    {
        var reference = JsReference.Named(name);
        var candidates = BlazeFace.Decode(HumanRawOutput(reference), reference.Width, reference.Height, 10);
        candidates.Select(c => (c.StartX, c.StartY, c.EndX, c.EndY)).Should().Equal(
            Enumerable.Range(0, DetectionCount(reference)).Select(i => CropBox(reference, i)));
    }

    [Theory]
    [MemberData(nameof(JsReference.Names), MemberType = typeof(JsReference))]
    public void MeshCropMatchesHumansFaceMeshInput(string name)
    {
        var reference = JsReference.Named(name);
        using var image = TestImages.FromRgb(reference.Width, reference.Height, reference.Rgb());
        var crop = new float[192 * 192 * 3];
        for (var i = 0; i < DetectionCount(reference); i++)
        {
            var (x1, y1, x2, y2) = CropBox(reference, i);
            TensorSampling.CropAndResize(image, x1, y1, x2, y2, crop, 192, 1 / 255f);
            MaxDifference(crop, reference.Tensor($"facemesh_det{i}_input")).Should().BeLessThan(1e-4f, "detection {0}", i);
        }
    }

    [Theory]
    [MemberData(nameof(JsReference.Names), MemberType = typeof(JsReference))]
    public void MappingHumansRawMeshGivesHumansMeshAndBox(string name)
    {
        var reference = JsReference.Named(name);
        var candidates = BlazeFace.Decode(HumanRawOutput(reference), reference.Width, reference.Height, 10);
        for (var f = 0; f < reference.FaceCount; f++)
        {
            var face = reference.Face(f);
            var detection = face.GetProperty("detection").GetInt32();
            var mesh = new float[468 * 3];
            MeshGeometry.ToImage(reference.Tensor($"facemesh_det{detection}_output_mesh"), candidates[detection], mesh);
            mesh.Should().Equal(reference.Tensor($"mesh_face{f}"));
            var box = MeshGeometry.Box(mesh, candidates[detection], reference.Width, reference.Height);
            new[] { box.X, box.Y, box.Width, box.Height }.Should().Equal(face.GetProperty("box").EnumerateArray().Select(e => e.GetSingle()));
        }
    }

    /// <summary>Detections Human sent to the mesh step (one facemesh input was recorded per detection).</summary>
    internal static int DetectionCount(JsReference reference) =>
        Enumerable.Range(0, 100).TakeWhile(i => reference.Has($"facemesh_det{i}_input")).Count();

    internal static float[] HumanRawOutput(JsReference reference)
    {
        var raw = new float[BlazeFaceAnchors.Count * BlazeFace.Columns];
        foreach (var (name, anchors, width) in new[] { ("Identity", 512, 1), ("Identity_1", 384, 1), ("Identity_2", 512, 16), ("Identity_3", 384, 16) })
        {
            BlazeFace.AddHead(reference.Tensor("blazeface_" + name), anchors, width, raw);
        }
        return raw;
    }

    internal static (double, double, double, double) CropBox(JsReference reference, int detection)
    {
        var box = reference.Detection(detection).GetProperty("cropBoxPixels");
        return (box.GetProperty("x1").GetDouble(), box.GetProperty("y1").GetDouble(), box.GetProperty("x2").GetDouble(), box.GetProperty("y2").GetDouble());
    }

    internal static float MaxDifference(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
    {
        actual.Length.Should().Be(expected.Length);
        var worst = 0f;
        for (var i = 0; i < actual.Length; i++)
        {
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]));
        }
        return worst;
    }
}
