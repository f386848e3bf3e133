using System.Text.Json;
using FaceAttendance.Vision;
using FaceAttendance.Web.Aws.Rekognition;

namespace FaceAttendance.Web.Aws.Endpoint;

/// <summary>A face as the collection keeps it: what ListFaces reports plus the embedding that search compares.</summary>
public sealed record StoredFace(Guid FaceId, Guid ImageId, string? ExternalImageId, BoundingBox BoundingBox, float Confidence, float[] Embedding);

/// <summary>What one collection file holds. <see cref="FaceModelVersion"/> is the engine's ModelId of its faces (the name
/// is kept so older files load); clients see it as the numeric version <see cref="FaceCollections.PublicVersion"/> gives it.</summary>
public sealed record StoredCollection(string CollectionId, DateTimeOffset CreatedAt, string FaceModelVersion, List<StoredFace> Faces);

/// <summary>
/// One Rekognition collection on the local engine: faces in insertion order for listing, a <see cref="FaceIndex"/> for
/// search, and a JSON file (rewritten atomically on every change) so the collection survives restarts.
/// </summary>
public sealed class FaceCollection
{
    private readonly Lock gate = new();
    private readonly string file;
    private readonly StoredCollection state;
    private readonly FaceIndex index = new(FaceEngine.EmbeddingDimensions);
    private bool deleted;

    private FaceCollection(string file, StoredCollection state)
    {
        this.file = file;
        this.state = state;
        foreach (var face in state.Faces)
        {
            index.Add(face.FaceId, face.Embedding);
        }
    }

    public string Id => state.CollectionId;
    public DateTimeOffset CreatedAt => state.CreatedAt;
    /// <summary>The engine model its faces were embedded by.</summary>
    public string EngineModelId => state.FaceModelVersion;

    public static FaceCollection Create(string file, StoredCollection state)
    {
        var collection = new FaceCollection(file, state);
        collection.Save();
        return collection;
    }

    public static FaceCollection Load(string file) =>
        new(file, JsonSerializer.Deserialize<StoredCollection>(File.ReadAllBytes(file), RekognitionJson.Options)
                  ?? throw new InvalidDataException($"Collection file {file} is empty."));

    public int Count { get { lock (gate) { return state.Faces.Count; } } }

    public IReadOnlyList<StoredFace> Snapshot() { lock (gate) { return [.. state.Faces]; } }

    public StoredFace? Find(Guid faceId) { lock (gate) { return state.Faces.Find(f => f.FaceId == faceId); } }

    public void Add(IReadOnlyList<StoredFace> faces)
    {
        lock (gate)
        {
            state.Faces.AddRange(faces);
            foreach (var face in faces)
            {
                index.Add(face.FaceId, face.Embedding);
            }
            Save();
        }
    }

    /// <returns>The ids that were present and are now gone.</returns>
    public IReadOnlyList<Guid> Remove(IReadOnlyCollection<Guid> faceIds)
    {
        lock (gate)
        {
            var removed = state.Faces.Where(f => faceIds.Contains(f.FaceId)).Select(f => f.FaceId).ToList();
            state.Faces.RemoveAll(f => faceIds.Contains(f.FaceId));
            removed.ForEach(id => index.Remove(id));
            Save();
            return removed;
        }
    }

    public IReadOnlyList<(StoredFace Face, float Cosine)> Search(ReadOnlySpan<float> embedding, int maxFaces, float minCosine)
    {
        var matches = index.Search(embedding, maxFaces, minCosine);
        lock (gate)
        {
            var byId = state.Faces.ToDictionary(f => f.FaceId);
            return [.. matches.Where(m => byId.ContainsKey(m.Id)).Select(m => (byId[m.Id], m.Similarity))];
        }
    }

    public void DeleteFile()
    {
        lock (gate)
        {
            deleted = true;
            File.Delete(file);
        }
    }

    private void Save()
    {
        if (deleted)
        {
            return; // a change that raced DeleteCollection must not bring the file back
        }
        var temporary = file + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(state, RekognitionJson.Options));
        File.Move(temporary, file, overwrite: true);
    }
}
