using System.Numerics.Tensors;
using FaceAttendance.Vision;

namespace FaceAttendance.Tests.Vision;

[Collection(nameof(EngineCollection))]
public class FaceEngineTests(EngineFixture engine)
{
    [Fact]
    public void TwoPhotosOfOnePersonMatchAtTheBuiltInThreshold() =>
        Similarity("Howard_Dean/Howard_Dean_0002.jpg", "Howard_Dean/Howard_Dean_0004.jpg").Should().BeGreaterThanOrEqualTo(engine.Engine.MatchThreshold);

    [Fact]
    public void PhotosOfTwoPeopleDoNotMatchAtTheBuiltInThreshold() =>
        Similarity("Howard_Dean/Howard_Dean_0002.jpg", "Alan_Greenspan/Alan_Greenspan_0002.jpg").Should().BeLessThan(engine.Engine.MatchThreshold);

    [Fact]
    public void ManyThreadsEmbeddingAtOnceGetTheSameBitsAsOneThread()
    {
        var photos = Directory.GetFiles(Path.Combine(TestPaths.FacesDir, "Howard_Dean")).Order().Take(4).ToArray();
        var alone = photos.Select(Embed).ToArray();
        var together = new float[photos.Length * 6][];
        Parallel.For(0, together.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => together[i] = Embed(photos[i % photos.Length]));
        for (var i = 0; i < together.Length; i++)
        {
            together[i].Should().Equal(alone[i % photos.Length]);
        }
    }

    [Fact]
    public void ModelIdIsAStableHexHashOfTheModels()
    {
        using var second = FaceEngine.Load(new FaceEngineOptions());
        second.ModelId.Should().Be(engine.Engine.ModelId).And.MatchRegex("^[0-9a-f]{16,}$");
        using var image = engine.Engine.Decode(TestImages.DevBytes());
        engine.Engine.Embed(image, engine.Engine.Detect(image)[0]).ModelId.Should().Be(engine.Engine.ModelId);
    }

    private float Similarity(string first, string second) => TensorPrimitives.Dot(Embed(first), Embed(second));

    private float[] Embed(string photo)
    {
        using var image = engine.Engine.Decode(File.ReadAllBytes(Path.Combine(TestPaths.FacesDir, photo)));
        return engine.Engine.Embed(image, engine.Engine.Detect(image)[0]).Vector;
    }
}
