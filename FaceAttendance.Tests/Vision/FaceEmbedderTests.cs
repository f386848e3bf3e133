using System.Numerics.Tensors;
using FaceAttendance.Vision;

namespace FaceAttendance.Tests.Vision;

[Collection(nameof(EngineCollection))]
public class FaceEmbedderTests(EngineFixture engine)
{
    [Theory]
    [MemberData(nameof(JsReference.Names), MemberType = typeof(JsReference))]
    public void ModelGivesTheJsEmbeddingForTheJsChip(string name)
    {
        var reference = JsReference.Named(name);
        for (var i = 0; i < reference.FaceCount; i++)
        {
            var vector = engine.Embedder.EmbedChips(reference.Tensor($"aligned_face{i}"))[0];
            TensorPrimitives.CosineSimilarity(vector, reference.Tensor($"embedding_face{i}")).Should().BeGreaterThanOrEqualTo(0.999f);
        }
    }

    [Theory]
    [MemberData(nameof(JsReference.Names), MemberType = typeof(JsReference))]
    public void EngineGivesTheJsEmbeddingForTheSamePixels(string name)
    {
        var reference = JsReference.Named(name);
        using var image = reference.Image();
        var faces = engine.Engine.Detect(image);
        faces.Should().HaveCount(reference.FaceCount);
        var embeddings = engine.Engine.Embed(image, faces);
        for (var i = 0; i < reference.FaceCount; i++)
        {
            TensorPrimitives.CosineSimilarity(embeddings[i].Vector, reference.Tensor($"embedding_face{i}"))
                .Should().BeGreaterThanOrEqualTo(0.999f, "face {0} of {1}", i, name);
        }
    }
}
