using FaceAttendance.Cli.Eval;
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

    private static FacePhoto Photo(string identity, int number) => new(identity, $"{identity}/{number}.jpg");
}
