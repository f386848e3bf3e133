using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace FaceAttendance.Web.Aws.Endpoint;

/// <summary>All collections of the endpoint, one JSON file each in <c>DataDir/rekognition</c>, loaded at first use.</summary>
public sealed partial class FaceCollections(string directory, TimeProvider time)
{
    private readonly Lazy<ConcurrentDictionary<string, FaceCollection>> collections = new(() => LoadAll(directory));
    private readonly Lock changes = new();
    private List<string>? modelIds;

    public FaceCollection Create(string id, string faceModelVersion)
    {
        Validate(id);
        lock (changes)
        {
            if (collections.Value.ContainsKey(id))
            {
                throw RekognitionErrors.CollectionExists(id);
            }
            var collection = FaceCollection.Create(FileOf(id), new StoredCollection(id, time.GetUtcNow(), faceModelVersion, []));
            collections.Value[id] = collection;
            return collection;
        }
    }

    public FaceCollection Get(string? id)
    {
        Validate(id);
        return collections.Value.TryGetValue(id!, out var collection) ? collection : throw RekognitionErrors.CollectionNotFound(id!);
    }

    /// <summary>
    /// The FaceModelVersion clients see for an engine ModelId: "1.0", "2.0", ... in the order the endpoint first used
    /// each model (kept in model-versions.txt beside the collections), so it matches the service model's numeric form
    /// and never changes for a collection. The ModelId itself is a hex hash, which SDKs that check patterns refuse.
    /// </summary>
    public string PublicVersion(string engineModelId)
    {
        lock (changes)
        {
            var file = Path.Combine(directory, "model-versions.txt");
            modelIds ??= File.Exists(file) ? [.. File.ReadAllLines(file).Where(line => line.Length > 0)] : [];
            var index = modelIds.IndexOf(engineModelId);
            if (index < 0)
            {
                Directory.CreateDirectory(directory);
                File.AppendAllLines(file, [engineModelId]);
                modelIds.Add(engineModelId);
                index = modelIds.Count - 1;
            }
            return $"{index + 1}.0";
        }
    }

    /// <summary>Every collection, ordered by id (ListCollections pages through this order).</summary>
    public IReadOnlyList<FaceCollection> All() => [.. collections.Value.Values.OrderBy(c => c.Id, StringComparer.Ordinal)];

    public void Delete(string? id)
    {
        lock (changes)
        {
            var collection = Get(id);
            collection.DeleteFile();
            collections.Value.TryRemove(collection.Id, out _);
        }
    }

    private string FileOf(string id) => Path.Combine(directory, id + ".json");

    private static void Validate(string? id)
    {
        if (id is null)
        {
            throw RekognitionErrors.Validation(null, "collectionId", "not be null");
        }
        if (id.Length is < 1 or > 255)
        {
            throw RekognitionErrors.Validation(id, "collectionId", "have length less than or equal to 255");
        }
        if (!CollectionIdPattern().IsMatch(id))
        {
            throw RekognitionErrors.Validation(id, "collectionId", "satisfy regular expression pattern: [a-zA-Z0-9_.\\-]+");
        }
    }

    private static ConcurrentDictionary<string, FaceCollection> LoadAll(string directory)
    {
        Directory.CreateDirectory(directory);
        var loaded = Directory.EnumerateFiles(directory, "*.json").Select(FaceCollection.Load);
        return new ConcurrentDictionary<string, FaceCollection>(loaded.Select(c => KeyValuePair.Create(c.Id, c)), StringComparer.Ordinal);
    }

    [GeneratedRegex("^[a-zA-Z0-9_.\\-]+$")]
    private static partial Regex CollectionIdPattern();
}
