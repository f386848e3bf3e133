using FaceAttendance.Vision;

namespace FaceAttendance.Tests.Vision;

public class HeadPoseTests
{
    [Theory]
    [MemberData(nameof(JsReference.Names), MemberType = typeof(JsReference))]
    public void HeadPoseMatchesHumansFaceRotation(string name)
    {
        var reference = JsReference.Named(name);
        for (var i = 0; i < reference.FaceCount; i++)
        {
            var face = reference.Face(i);
            var box = face.GetProperty("box").EnumerateArray().Select(e => e.GetSingle()).ToArray();
            var (pitch, yaw, roll) = HeadPose.Radians(reference.Tensor($"mesh_face{i}"), new FaceBox(box[0], box[1], box[2], box[3]));

            var expected = face.GetProperty("rotation").GetProperty("angle");
            // Human divides by its rounded boxRaw, so agreement is to a few thousandths of a radian
            pitch.Should().BeApproximately(expected.GetProperty("pitch").GetDouble(), 0.01);
            yaw.Should().BeApproximately(expected.GetProperty("yaw").GetDouble(), 0.01);
            roll.Should().BeApproximately(expected.GetProperty("roll").GetDouble(), 0.01);
        }
    }
}
