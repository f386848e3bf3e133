using FaceAttendance.Vision;
using static FaceAttendance.Tests.Vision.UnitCircle;

namespace FaceAttendance.Tests.Vision;

public class UnknownRuleTests
{
    [Fact]
    public void TheThresholdTakesTheBestPersonOnlyFromTheThresholdUp()
    {
        var rule = UnknownRule.FixedThreshold(0.5f);

        rule.Accepts([0.50f, 0.49f]).Should().BeTrue("the threshold itself is enough, whatever the second person");
        rule.Accepts([0.4999f]).Should().BeFalse();
        rule.Accepts([]).Should().BeFalse("nobody enrolled is nobody recognised");
        rule.PeopleNeeded.Should().Be(1);
    }

    [Fact]
    public void TheMarginRuleAlsoNeedsTheBestToLeadTheSecond()
    {
        var rule = new UnknownRule(UnknownRuleKind.Margin, 0.5f, Margin: 0.1f);

        rule.Accepts([0.70f, 0.55f]).Should().BeTrue("0.15 ahead");
        rule.Accepts([0.70f, 0.65f]).Should().BeFalse("only 0.05 ahead of the second person");
        rule.Accepts([0.45f, 0.10f]).Should().BeFalse("a clear lead below the threshold is still below it");
        rule.Accepts([0.60f]).Should().BeTrue("with one person enrolled there is no second to confuse");
        rule.PeopleNeeded.Should().Be(2);
    }

    [Fact]
    public void TheCohortRuleNeedsTheBestToStandOutOfTheNextPeople()
    {
        // cohort 0.1, 0.3 (mean 0.2, std 0.1): 0.6 is 4 standard deviations above it, 0.45 is 2.5
        var rule = new UnknownRule(UnknownRuleKind.Cohort, 0.4f, MinZ: 3f, CohortSize: 2);

        UnknownRule.ZScore(0.6f, [0.1f, 0.3f]).Should().BeApproximately(4f, 1e-4f);
        rule.Accepts([0.60f, 0.30f, 0.10f]).Should().BeTrue();
        rule.Accepts([0.45f, 0.30f, 0.10f]).Should().BeFalse("2.5 standard deviations is too few");
        rule.Accepts([0.60f, 0.35f, 0.25f, -0.5f, -0.5f]).Should().BeTrue("only the next 2 people are the cohort (z 6; all 4 would give 1.7)");
        rule.Accepts([0.39f, -0.5f, -0.6f]).Should().BeFalse("the floor holds however far the best stands out");
        rule.Accepts([0.45f, 0.30f]).Should().BeTrue("one other person is no cohort: the floor alone decides");
        rule.PeopleNeeded.Should().Be(3);
    }

    [Fact]
    public void TheGalleryDecidesWithItsRule()
    {
        // Ann at 0 and Bob at 30 degrees; a probe at 10 is 0.985 to Ann and 0.940 to Bob: near both, so no margin
        var rule = new UnknownRule(UnknownRuleKind.Margin, 0.9f, Margin: 0.1f);
        var gallery = new PersonGallery(rule);
        var (ann, bob) = (Guid.NewGuid(), Guid.NewGuid());
        gallery.Add(Guid.NewGuid(), ann, At(0));
        gallery.Add(Guid.NewGuid(), bob, At(30));

        var nearBoth = gallery.Identify(At(10));
        nearBoth.PersonId.Should().BeNull("Ann leads Bob by only 0.045");
        nearBoth.Best!.Value.PersonId.Should().Be(ann, "the closest person is still reported");
        gallery.Identify(At(-20)).PersonId.Should().Be(ann, "0.940 to Ann, 0.643 to Bob");
        gallery.Threshold.Should().Be(0.9f);
    }
}
