using FaceAttendance.Web.Faces;
using Microsoft.Extensions.Options;

namespace FaceAttendance.Tests.Web.Faces;

/// <summary>What learning at the kiosk needs of the other settings.</summary>
public sealed class RecognitionOptionsTests
{
    [Theory]
    [InlineData(EngineProvider.Local, true)]
    [InlineData(EngineProvider.Rekognition, false)]
    public void LearningAtTheKioskNeedsTheLocalEngine(EngineProvider provider, bool valid)
    {
        var validator = new RecognitionOptionsValidator(Options.Create(new EngineOptions { Provider = provider }));

        var result = validator.Validate(null, new RecognitionOptions { KioskLearning = true });

        result.Succeeded.Should().Be(valid, result.FailureMessage);
    }

    [Theory]
    [InlineData(0.60f, false)]
    [InlineData(0.65f, false)]
    [InlineData(0.70f, true)]
    public void TheLearningBarIsAboveTheMatchThreshold(float minSimilarity, bool valid)
    {
        var validator = new RecognitionOptionsValidator(Options.Create(new EngineOptions()));

        var result = validator.Validate(null, new RecognitionOptions { MatchThreshold = 0.65f, LearnMinSimilarity = minSimilarity });

        result.Succeeded.Should().Be(valid, result.FailureMessage);
    }
}
