using FaceAttendance.Web.Aws.Endpoint;
using FaceAttendance.Web.Aws.Rekognition;
using Microsoft.Extensions.Time.Testing;

namespace FaceAttendance.Tests.Aws;

/// <summary>The endpoint's collection store: one JSON file per collection in a folder, surviving a restart.</summary>
public sealed class FaceCollectionsTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("fa-collections-").FullName;
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero));

    [Fact]
    public void CollectionsAndTheirFacesSurviveARestartAndDeletedOnesStayDeleted()
    {
        var before = new FaceCollections(directory, clock);
        var kept = before.Create("kept", "model-1");
        var (alice, bob) = (Stored("alice", 0), Stored("bob", 1));
        kept.Add([alice, bob]);
        kept.Remove([bob.FaceId]);
        before.Create("dropped", "model-1");
        before.Delete("dropped");

        var after = new FaceCollections(directory, clock);

        after.All().Select(c => c.Id).Should().Equal("kept");
        var reloaded = after.Get("kept");
        reloaded.CreatedAt.Should().Be(clock.GetUtcNow());
        reloaded.EngineModelId.Should().Be("model-1");
        reloaded.Snapshot().Should().ContainSingle().Which.ExternalImageId.Should().Be("alice");
        reloaded.Search(alice.Embedding, 5, 0.99f).Should().ContainSingle().Which.Face.FaceId.Should().Be(alice.FaceId);
        FluentActions.Invoking(() => after.Get("dropped")).Should().Throw<RekognitionException>()
            .Which.ErrorCode.Should().Be("ResourceNotFoundException");
        FluentActions.Invoking(() => after.Create("kept", "model-1")).Should().Throw<RekognitionException>()
            .Which.ErrorCode.Should().Be("ResourceAlreadyExistsException");
    }

    /// <summary>A face whose embedding is one axis, so each test face is orthogonal to the others.</summary>
    private static StoredFace Stored(string externalImageId, int axis)
    {
        var embedding = new float[FaceAttendance.Vision.FaceEngine.EmbeddingDimensions];
        embedding[axis] = 1;
        return new StoredFace(Guid.NewGuid(), Guid.NewGuid(), externalImageId, new BoundingBox(0.5f, 0.5f, 0.25f, 0.25f), 99.9f, embedding);
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
