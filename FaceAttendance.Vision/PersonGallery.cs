using System.Numerics.Tensors;

namespace FaceAttendance.Vision;

/// <summary>How well a face matches one enrolled person.</summary>
public readonly record struct PersonScore(Guid PersonId, float Similarity);

/// <summary>
/// The outcome of one identification: <see cref="PersonId"/> is the recognised person or null; <see cref="Best"/> is
/// the closest person whatever the threshold (null for an empty gallery), which helps an admin judge a near miss.
/// </summary>
public readonly record struct PersonDecision(Guid? PersonId, PersonScore? Best);

/// <summary>
/// Enrolled people for 1:N identification, and the one decision rule every caller uses (the kiosk, enrolment checks,
/// `eval`). A person is scored by the cosine between the face and the mean of that person's enrolled embeddings (its
/// centroid): on ../shared/faces/dev with 3 photos per person it recognises 97.9 % of probes at the threshold that
/// accepts 1 in 1,000 strangers, against 97.0 % for the best single face and 96.4 % for the mean of the face scores.
/// Whether the best person is taken is the <see cref="UnknownRule"/>'s call.
/// Thread-safe: searches run concurrently, changes are serialised.
/// </summary>
public sealed class PersonGallery(UnknownRule rule)
{
    public PersonGallery(float threshold) : this(UnknownRule.FixedThreshold(threshold))
    {
    }

    private readonly Lock gate = new();
    private readonly FaceIndex centroids = new(FaceEngine.EmbeddingDimensions);
    private readonly Dictionary<Guid, (Guid PersonId, float[] Vector)> faces = [];
    private readonly Dictionary<Guid, HashSet<Guid>> facesOf = [];

    /// <summary>The similarity the best person must reach under any rule (enrolment checks use it too).</summary>
    public float Threshold => rule.Threshold;

    public UnknownRule Rule => rule;

    public int FaceCount
    {
        get { lock (gate) { return faces.Count; } }
    }

    public int PersonCount => centroids.Count;

    /// <summary>Adds (or moves) a face; the person's centroid follows.</summary>
    public void Add(Guid faceId, Guid personId, ReadOnlySpan<float> embedding) => AddRange([(faceId, personId, embedding.ToArray())]);

    /// <summary>Adds (or moves) many faces under one lock, computing each touched person's centroid once: loading 100k
    /// faces at start would otherwise recompute a person's centroid once per face.</summary>
    public void AddRange(IReadOnlyCollection<(Guid FaceId, Guid PersonId, float[] Embedding)> batch)
    {
        var units = batch.Select(face => (face.FaceId, face.PersonId, Unit: Unit(face.Embedding))).ToList();
        lock (gate)
        {
            var touched = new HashSet<Guid>();
            foreach (var (faceId, personId, unit) in units)
            {
                if (faces.Remove(faceId, out var previous))
                {
                    facesOf[previous.PersonId].Remove(faceId);
                    touched.Add(previous.PersonId);
                }
                faces[faceId] = (personId, unit);
                if (!facesOf.TryGetValue(personId, out var own))
                {
                    facesOf[personId] = own = [];
                }
                own.Add(faceId);
                touched.Add(personId);
            }
            foreach (var personId in touched)
            {
                UpdateCentroidLocked(personId);
            }
        }
    }

    public bool Remove(Guid faceId)
    {
        lock (gate)
        {
            return RemoveLocked(faceId);
        }
    }

    /// <summary>The decision for a face: the best person if the rule takes it.</summary>
    public PersonDecision Identify(ReadOnlySpan<float> embedding) => Decide(Closest(embedding, rule.PeopleNeeded));

    /// <summary>The decision from the closest people, best first (as many as <see cref="UnknownRule.PeopleNeeded"/>, or more).</summary>
    public PersonDecision Decide(IReadOnlyList<PersonScore> bestFirst)
    {
        if (bestFirst.Count == 0)
        {
            return new PersonDecision(null, null);
        }
        var similarities = bestFirst.Select(score => score.Similarity).ToArray();
        return new PersonDecision(rule.Accepts(similarities) ? bestFirst[0].PersonId : null, bestFirst[0]);
    }

    /// <summary>The <paramref name="count"/> closest people, best first, whatever their similarity.</summary>
    public IReadOnlyList<PersonScore> Closest(ReadOnlySpan<float> embedding, int count) =>
        [.. centroids.Search(embedding, count, minSimilarity: -1).Select(match => new PersonScore(match.Id, match.Similarity))];

    /// <summary>How well a face matches one person's enrolled faces (null when the person has none).</summary>
    public float? SimilarityTo(Guid personId, ReadOnlySpan<float> embedding)
    {
        float[] centroid;
        lock (gate)
        {
            if (!facesOf.TryGetValue(personId, out var own))
            {
                return null;
            }
            centroid = Centroid(own);
        }
        return TensorPrimitives.Dot(centroid, Unit(embedding));
    }

    private bool RemoveLocked(Guid faceId)
    {
        if (!faces.Remove(faceId, out var face))
        {
            return false;
        }
        facesOf[face.PersonId].Remove(faceId);
        UpdateCentroidLocked(face.PersonId);
        return true;
    }

    /// <summary>Recomputes a person's centroid, or forgets the person when no face of theirs is left.</summary>
    private void UpdateCentroidLocked(Guid personId)
    {
        if (facesOf[personId].Count == 0)
        {
            facesOf.Remove(personId);
            centroids.Remove(personId);
        }
        else
        {
            centroids.Add(personId, Centroid(facesOf[personId]));
        }
    }

    private float[] Centroid(HashSet<Guid> own) => UnitVectors.Mean(own.Select(faceId => faces[faceId].Vector));

    private static float[] Unit(ReadOnlySpan<float> embedding)
    {
        if (embedding.Length != FaceEngine.EmbeddingDimensions)
        {
            throw new ArgumentException($"Expected a {FaceEngine.EmbeddingDimensions}-dimensional embedding.", nameof(embedding));
        }
        return UnitVectors.Unit(embedding);
    }
}
