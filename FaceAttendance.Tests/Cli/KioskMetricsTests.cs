using FaceAttendance.Cli.Eval;
using FaceAttendance.Vision;
using static FaceAttendance.Tests.Vision.UnitCircle;

namespace FaceAttendance.Tests.Cli;

public class KioskMetricsTests
{
    [Fact]
    public void UpToThreePhotosOfEachFirstHalfIdentityAreEnrolledAndEverythingElseIsAProbe()
    {
        // Ann (4 photos: 3 enrolled, 1 probe) and Bob (2 photos: 1 enrolled, 1 probe) are enrolled; Cat is a second-half
        // identity and Dan a stranger, both open-set probes. Directions on a circle make similarities exact.
        var set = new FaceSet("unused", ["Ann", "Bob", "Cat", "Dan"],
            [Photo("Ann", 1), Photo("Ann", 2), Photo("Ann", 3), Photo("Ann", 4), Photo("Bob", 1), Photo("Bob", 2), Photo("Cat", 1)], []);
        FacePhoto[] strangers = [Photo("Dan", 1)];
        var embeddings = new Dictionary<string, float[]?>
        {
            ["Ann/1.jpg"] = At(-10), ["Ann/2.jpg"] = At(0), ["Ann/3.jpg"] = At(10), ["Ann/4.jpg"] = At(88), // Ann's probe looks like Bob
            ["Bob/1.jpg"] = At(90), ["Bob/2.jpg"] = At(92),
            ["Cat/1.jpg"] = At(2),                                                                          // a stranger like Ann
            ["Dan/1.jpg"] = null,                                                                           // no face: nobody
        };

        var figures = new KioskMetrics(set, strangers, embeddings, threshold: 0.99f).Figures();

        figures.Should().Be(new KioskFigures(EnrolPhotos: 4, Probes: 2, Recognised: 0.5, WrongPerson: 1, OpenSetProbes: 2, OpenSetFalseAccepts: 1));
    }

    [Fact]
    public void AnyUnknownRuleIsMeasuredOnTheOpenSetItIsGiven()
    {
        // Ann at 0 and Bob at 20 degrees are enrolled (Cat and Eve, the second half, have no photos); Ann's probe at 5 is
        // 0.996 to Ann and 0.966 to Bob, the stranger at 12 is 0.990 to Bob and 0.978 to Ann, Bob's probe at -90 is
        // nobody's: a threshold of 0.9 takes Ann's probe and the stranger, a margin of 0.1 neither.
        var set = new FaceSet("unused", ["Ann", "Bob", "Cat", "Eve"], [Photo("Ann", 1), Photo("Ann", 2), Photo("Bob", 1), Photo("Bob", 2)], []);
        FacePhoto[] strangers = [Photo("Dan", 1)];
        var embeddings = new Dictionary<string, float[]?>
        {
            ["Ann/1.jpg"] = At(0), ["Ann/2.jpg"] = At(5), ["Bob/1.jpg"] = At(20), ["Bob/2.jpg"] = At(-90), ["Dan/1.jpg"] = At(12),
        };
        var kiosk = new KioskMetrics(set, strangers, embeddings, threshold: 0.9f);

        kiosk.Strangers.Should().ContainSingle().Which.Similarities.Should().HaveCount(2, "a probe keeps its similarity to every person");
        kiosk.Under(UnknownRule.FixedThreshold(0.9f), kiosk.Strangers).Should().Be(
            new KioskFigures(EnrolPhotos: 2, Probes: 2, Recognised: 0.5, WrongPerson: 0, OpenSetProbes: 1, OpenSetFalseAccepts: 1));
        kiosk.Under(new UnknownRule(UnknownRuleKind.Margin, 0.9f, Margin: 0.1f), kiosk.Strangers).Should().Be(
            new KioskFigures(EnrolPhotos: 2, Probes: 2, Recognised: 0, WrongPerson: 0, OpenSetProbes: 1, OpenSetFalseAccepts: 0));
    }

    private static FacePhoto Photo(string identity, int number) => new(identity, $"{identity}/{number}.jpg");
}
