using FaceAttendance.Vision;
using static FaceAttendance.Tests.Vision.UnitCircle;

namespace FaceAttendance.Tests.Vision;

public class PersonGalleryTests
{
    private static readonly Guid Ann = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();

    [Fact]
    public void APersonIsScoredByTheMeanOfTheirFacesNotByTheirBestFace()
    {
        // Ann's faces at 0 and 60 degrees: her centroid is at 30; a probe at 5 is 25 degrees from it (cosine 0.906)
        var gallery = new PersonGallery(threshold: 0.95f);
        gallery.Add(Guid.NewGuid(), Ann, At(0));
        gallery.Add(Guid.NewGuid(), Ann, At(60));

        var decision = gallery.Identify(At(5));

        decision.Best!.Value.PersonId.Should().Be(Ann);
        decision.Best.Value.Similarity.Should().BeApproximately(MathF.Cos(25 * MathF.PI / 180), 1e-5f);
        decision.PersonId.Should().BeNull("0.906 is below the 0.95 threshold, although the face at 0 degrees alone would reach it");
        gallery.Identify(At(30)).PersonId.Should().Be(Ann);
    }

    [Fact]
    public void TheClosestPersonIsTakenAndOnlyAtTheThreshold()
    {
        var gallery = new PersonGallery(threshold: 0.9f);
        gallery.Add(Guid.NewGuid(), Ann, At(0));
        gallery.Add(Guid.NewGuid(), Bob, At(90));

        gallery.Identify(At(80)).PersonId.Should().Be(Bob);
        gallery.Identify(At(45)).PersonId.Should().BeNull();
        gallery.Closest(At(10), 2).Select(score => score.PersonId).Should().Equal(Ann, Bob);
        gallery.PersonCount.Should().Be(2);
    }

    [Fact]
    public void RemovingAFaceMovesThePersonsCentroidAndTheLastFaceRemovesThePerson()
    {
        var gallery = new PersonGallery(threshold: 0.99f);
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        gallery.Add(first, Ann, At(0));
        gallery.Add(second, Ann, At(60));
        gallery.SimilarityTo(Ann, At(0)).Should().BeLessThan(0.99f);

        gallery.Remove(second).Should().BeTrue();
        gallery.SimilarityTo(Ann, At(0)).Should().BeApproximately(1, 1e-5f);

        gallery.Remove(first).Should().BeTrue();
        gallery.SimilarityTo(Ann, At(0)).Should().BeNull();
        gallery.Identify(At(0)).Best.Should().BeNull();
        (gallery.FaceCount, gallery.PersonCount).Should().Be((0, 0));
    }

    [Fact]
    public void AFaceAddedAgainUnderAnotherPersonMovesToThem()
    {
        var gallery = new PersonGallery(threshold: 0.9f);
        var face = Guid.NewGuid();
        gallery.Add(face, Ann, At(0));
        gallery.Add(face, Bob, At(0));

        gallery.Identify(At(0)).PersonId.Should().Be(Bob);
        (gallery.FaceCount, gallery.PersonCount).Should().Be((1, 1));
    }

    [Fact]
    public void ABatchGivesTheSameCentroidsAsOneFaceAtATimeIncludingAFaceItMoves()
    {
        var (moved, annOther, bobFace) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var oneByOne = new PersonGallery(threshold: 0.9f);
        var batched = new PersonGallery(threshold: 0.9f);
        foreach (var gallery in new[] { oneByOne, batched })
        {
            gallery.Add(moved, Ann, At(0));
        }
        oneByOne.Add(annOther, Ann, At(40));
        oneByOne.Add(bobFace, Bob, At(90));
        oneByOne.Add(moved, Bob, At(70));

        batched.AddRange([(annOther, Ann, At(40)), (bobFace, Bob, At(90)), (moved, Bob, At(70))]);

        foreach (var probe in new[] { 0, 40, 80 })
        {
            batched.Closest(At(probe), 2).Should().Equal(oneByOne.Closest(At(probe), 2));
        }
        batched.Closest(At(80), 1).Single().Similarity.Should().BeApproximately(1f, 1e-5f, "Bob's centroid is at 80 degrees");
        (batched.FaceCount, batched.PersonCount).Should().Be((3, 2));
    }

    [Fact]
    public void AnEmbeddingOfTheWrongLengthIsRefused() =>
        FluentActions.Invoking(() => new PersonGallery(0.5f).Add(Guid.NewGuid(), Ann, new float[128]))
            .Should().Throw<ArgumentException>().WithMessage($"*{FaceEngine.EmbeddingDimensions}-dimensional*");
}
