using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Eval;

/// <summary>
/// The kiosk regime: for each identity in the first half of the sorted list, its first min(3, n - 1) photos by file
/// name are enrolled (one person each) and the rest are probes; every photo of the second half and of the strangers is
/// an open-set probe. Each probe keeps its similarity to every enrolled person, so any <see cref="UnknownRule"/> (the
/// app's own decision) can be measured on it.
/// </summary>
internal sealed class KioskMetrics
{
    private const int EnrolPhotosPerPerson = 3;

    private readonly float threshold;
    private readonly int enrolPhotos;

    public KioskMetrics(FaceSet set, IReadOnlyList<FacePhoto> strangers, IReadOnlyDictionary<string, float[]?> embeddings, float threshold)
    {
        this.threshold = threshold;
        var gallery = Gallery = new PersonGallery(threshold);
        var enrolled = set.Identities.Take(set.Identities.Count / 2).ToHashSet(StringComparer.Ordinal);
        var personOf = set.Identities.ToDictionary(identity => identity, _ => Guid.NewGuid(), StringComparer.Ordinal);
        var probePhotos = new List<FacePhoto>();
        PersonOf = personOf;
        foreach (var photos in set.Photos.Where(p => enrolled.Contains(p.Identity)).GroupBy(p => p.Identity))
        {
            var count = Math.Min(EnrolPhotosPerPerson, photos.Count() - 1);
            foreach (var photo in photos.Take(count))
            {
                enrolPhotos++;
                if (embeddings[photo.RelativePath] is { } vector)
                {
                    gallery.Add(Guid.NewGuid(), personOf[photo.Identity], vector);
                }
            }
            probePhotos.AddRange(photos.Skip(count));
        }
        Ranked Rank(FacePhoto photo) => Ranked.Of(gallery, embeddings[photo.RelativePath]);
        ProbePhotos = probePhotos;
        Probes = [.. probePhotos.Select(photo => (personOf[photo.Identity], Rank(photo)))];
        DevOpenSet = [.. set.Photos.Where(p => !enrolled.Contains(p.Identity)).Select(Rank)];
        Strangers = [.. strangers.Select(Rank)];
    }

    /// <summary>The enrolled people (each from up to 3 photos), at the built-in threshold: what a kiosk scan is decided by.</summary>
    public PersonGallery Gallery { get; }

    /// <summary>Each identity's person id in <see cref="Gallery"/> (second-half identities have one too, never enrolled).</summary>
    public IReadOnlyDictionary<string, Guid> PersonOf { get; }

    /// <summary>The photos behind <see cref="Probes"/>, in the same order.</summary>
    public IReadOnlyList<FacePhoto> ProbePhotos { get; }

    /// <summary>Photos of enrolled people that were not enrolled, with the person they are.</summary>
    public IReadOnlyList<(Guid Truth, Ranked Ranked)> Probes { get; }

    /// <summary>Photos of dev's second half of identities, never enrolled.</summary>
    public IReadOnlyList<Ranked> DevOpenSet { get; }

    /// <summary>The strangers' photos, in the order they were given (sorted by identity).</summary>
    public IReadOnlyList<Ranked> Strangers { get; }

    /// <summary>The strangers split in two by their sorted order (even: half A, odd: half B), as `strangers` tunes on A
    /// and reports on B.</summary>
    public static (List<T> A, List<T> B) Halves<T>(IReadOnlyList<T> strangers) =>
        ([.. strangers.Where((_, i) => i % 2 == 0)], [.. strangers.Where((_, i) => i % 2 == 1)]);

    /// <summary>The figures at the gallery's own threshold.</summary>
    public KioskFigures Figures() => At(threshold);

    /// <summary>The figures if the threshold were <paramref name="threshold"/>, with every open-set probe.</summary>
    public KioskFigures At(float threshold) => Under(UnknownRule.FixedThreshold(threshold), [.. DevOpenSet, .. Strangers]);

    /// <summary>The figures under <paramref name="rule"/>, with <paramref name="openSet"/> as the never-enrolled probes.</summary>
    public KioskFigures Under(UnknownRule rule, IReadOnlyList<Ranked> openSet)
    {
        int recognised = 0, wrongPerson = 0;
        foreach (var (truth, ranked) in Probes)
        {
            if (ranked.Decide(rule) is { } person)
            {
                (person == truth ? ref recognised : ref wrongPerson)++;
            }
        }
        var falseAccepts = openSet.Count(ranked => ranked.Decide(rule) is not null);
        return new KioskFigures(enrolPhotos, Probes.Count, Probes.Count == 0 ? 0 : Math.Round((double)recognised / Probes.Count, 5),
            wrongPerson, openSet.Count, falseAccepts);
    }
}

/// <summary>A probe's closest person and its similarities to every enrolled person, best first (none: no face found).</summary>
internal sealed record Ranked(Guid? Best, float[] Similarities)
{
    public static Ranked Of(PersonGallery gallery, float[]? embedding)
    {
        // a photo without a face is decided as nobody, like a kiosk scan that finds no face
        if (embedding is null || gallery.PersonCount == 0)
        {
            return new Ranked(null, []);
        }
        var all = gallery.Closest(embedding, gallery.PersonCount);
        return new Ranked(all[0].PersonId, [.. all.Select(score => score.Similarity)]);
    }

    public Guid? Decide(UnknownRule rule) => Best is { } best && rule.Accepts(Similarities) ? best : null;
}

/// <summary>eval's "kiosk" JSON object.</summary>
internal sealed record KioskFigures(int EnrolPhotos, int Probes, double Recognised, int WrongPerson, int OpenSetProbes, int OpenSetFalseAccepts);
