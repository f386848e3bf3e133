using FaceAttendance.Cli.Eval;
using static FaceAttendance.Tests.Vision.UnitCircle;

namespace FaceAttendance.Tests.Cli;

public class IdentificationMetricsTests
{
    [Fact]
    public void GalleryIsTheFirstPhotoOfTheFirstHalfAndEveryOtherPhotoIsAProbe()
    {
        // Ann and Bob are enrolled (first half); Cat and Dan are strangers. Directions on a circle make similarities exact.
        var set = new FaceSet("unused", ["Ann", "Bob", "Cat", "Dan"],
            [Photo("Ann", 1), Photo("Ann", 2), Photo("Ann", 3), Photo("Bob", 1), Photo("Bob", 2), Photo("Cat", 1), Photo("Dan", 1)], []);
        var embeddings = new Dictionary<string, float[]?>
        {
            ["Ann/1.jpg"] = At(0), ["Ann/2.jpg"] = At(5), ["Ann/3.jpg"] = At(85), // third photo closer to Bob
            ["Bob/1.jpg"] = At(90), ["Bob/2.jpg"] = null,                         // no face found: a miss
            ["Cat/1.jpg"] = At(3),                                                // a stranger who looks like Ann
            ["Dan/1.jpg"] = At(180),
        };

        var (rank1, falseAccepts, strangers) = IdentificationMetrics.Measure(set, embeddings, threshold: 0.99f);

        rank1.Should().Be(1 / 3.0);
        (falseAccepts, strangers).Should().Be((1, 2));
    }

    private static FacePhoto Photo(string identity, int number) => new(identity, $"{identity}/{number}.jpg");
}
