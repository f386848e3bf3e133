using FaceAttendance.Cli.Eval;

namespace FaceAttendance.Tests.Cli;

public class VerificationMetricsTests
{
    private static readonly float[] Same = [0.99f, 0.95f, 0.90f, 0.80f];
    private static readonly float[] Different = [0.92f, 0.70f, 0.60f, 0.50f];

    [Fact]
    public void AccuracyCountsSameAtOrAboveAndDifferentBelowTheThreshold() =>
        VerificationMetrics.Accuracy(Same, Different, 0.90f).Should().Be(6 / 8.0);

    [Fact]
    public void BestAccuracyTriesEveryObservedSimilarity() =>
        VerificationMetrics.BestAccuracy(Same, Different).Should().Be(7 / 8.0);

    [Fact]
    public void TrueAcceptRateAtAFarAllowsOnlyThatManyFalseAccepts()
    {
        // 4 different-person pairs: FAR 0.25 tolerates one (0.92), FAR 0.1 none
        VerificationMetrics.TrueAcceptRateAt(Same, Different, 0.25).Should().Be(1.0);
        VerificationMetrics.TrueAcceptRateAt(Same, Different, 0.1).Should().Be(0.5);
    }

    [Fact]
    public void EqualErrorRateIsWhereFalseAcceptsMeetFalseRejects() =>
        VerificationMetrics.EqualErrorRate(Same, Different).Should().Be(0.25);
}
