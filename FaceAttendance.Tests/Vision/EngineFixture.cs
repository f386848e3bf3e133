using FaceAttendance.Vision;
using FaceAttendance.Vision.Detection;

namespace FaceAttendance.Tests.Vision;

/// <summary>One engine (and a bare embedder for model-only checks) shared by the Vision tests, as an app would.</summary>
public sealed class EngineFixture : IDisposable
{
    public FaceEngine Engine { get; } = FaceEngine.Load(new FaceEngineOptions());

    internal FaceEmbedder Embedder { get; } = new(new OnnxModel(Path.Combine(TestPaths.ModelsDir, FaceEmbedder.ModelFile), 1));

    public void Dispose()
    {
        Engine.Dispose();
        Embedder.Dispose();
    }
}

[CollectionDefinition(nameof(EngineCollection))]
public sealed class EngineCollection : ICollectionFixture<EngineFixture>;
