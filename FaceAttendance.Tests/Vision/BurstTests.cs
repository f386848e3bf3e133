using FaceAttendance.Cli.Burst;
using FaceAttendance.Vision;

namespace FaceAttendance.Tests.Vision;

[Collection(nameof(EngineCollection))]
public class BurstTests(EngineFixture engine)
{
    // yaw −34° (turned to his own left) and +29° (to his own right), see Burst.TurnTowards
    private const string TurnedLeft = "Pervez_Musharraf/Pervez_Musharraf_0005.jpg";
    private const string TurnedRight = "Jake_Gyllenhaal/Jake_Gyllenhaal_0002.jpg";

    [Fact]
    public void FusingOneVectorTwiceGivesThatVectorAsAUnitVector()
    {
        float[] vector = [3, 0, 4];
        Burst.Fuse([vector, vector]).Should().Equal([0.6f, 0, 0.8f], (a, b) => MathF.Abs(a - b) < 1e-6f);
        Burst.Fuse([vector, [30, 0, 40]]).Should().Equal([0.6f, 0, 0.8f], (a, b) => MathF.Abs(a - b) < 1e-6f);
    }

    [Fact]
    public void TurningToTheirLeftLowersTheYawAndToTheirRightRaisesIt()
    {
        Burst.TurnTowards(HeadTurn.Left, from: 5, to: -15).Should().Be(20);
        Burst.TurnTowards(HeadTurn.Right, from: 5, to: -15).Should().Be(-20);
        Burst.TurnTowards(HeadTurn.Right, from: -10, to: 10).Should().Be(20);
    }

    [Fact]
    public void APhotoThenItsMirrorTurnsTheOppositeWayAndOnlyThatWayPasses()
    {
        var photo = TestImages.DevBytes(TurnedLeft);
        byte[][] frames = [photo, BurstFrames.Mirrored(photo)];

        var right = Analyse(frames, HeadTurn.Right);
        right.Frames[0].Quality!.YawDegrees.Should().BeLessThan(-20);
        right.Frames[1].Quality!.YawDegrees.Should().BeGreaterThan(20, "the mirror has about the opposite yaw");
        right.Turn!.Passed.Should().BeTrue();
        Analyse(frames, HeadTurn.Left).Turn!.Passed.Should().BeFalse("the head turned the other way");
    }

    [Fact]
    public void AStillPhotoShownThreeTimesDoesNotTurnEitherWay()
    {
        var photo = TestImages.DevBytes(TurnedLeft);
        byte[][] frames = [photo, .. BurstFrames.Jittered(photo)];

        Analyse(frames, HeadTurn.Left).Turn!.Passed.Should().BeFalse();
        Analyse(frames, HeadTurn.Right).Turn!.Passed.Should().BeFalse();
    }

    [Fact]
    public void ATurnToAnotherPersonsPhotoFailsAsNotTheSameFace()
    {
        var turn = Analyse([TestImages.DevBytes(TurnedLeft), TestImages.DevBytes(TurnedRight)], HeadTurn.Right).Turn!;

        turn.TurnDegrees.Should().BeGreaterThan(Burst.MinTurnDegrees);
        turn.SameFace.Should().BeLessThan(Burst.MinSameFace);
        turn.Passed.Should().BeFalse();
    }

    private BurstAnalysis Analyse(IReadOnlyList<byte[]> frames, HeadTurn asked)
    {
        var images = frames.Select(frame => engine.Engine.Decode(frame)).ToList();
        try
        {
            return Burst.Analyse(engine.Engine, images, checkLiveness: false, asked);
        }
        finally
        {
            images.ForEach(image => image.Dispose());
        }
    }
}
