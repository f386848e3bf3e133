using FaceAttendance.Cli.Eval;
using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Learn;

/// <summary>One strict bar for learning at the kiosk: the similarity and the lead over the second-closest person a
/// recognised scan must reach to be added to its person.</summary>
internal sealed record LearnBar(float MinSimilarity, float MinMargin, int MaxPerPerson);

/// <summary>Recognised share, wrong person and strangers accepted over a pass of every probe, at the match threshold.</summary>
internal sealed record ProbeFigures(int Probes, int Recognised, int WrongPerson, int Strangers, int StrangersAccepted)
{
    public double RecognisedShare => Probes == 0 ? 0 : (double)Recognised / Probes;
}

/// <summary>What one bar did: faces added (and how many to the wrong person or from a stranger), and the figures after;
/// the scans not added are also measured before learning, since the added ones are the easy ones.</summary>
internal sealed record LearnOutcome(LearnBar Bar, int Added, int AddedToWrongPerson, int StrangersAdded, ProbeFigures After,
    ProbeFigures NotAddedBefore, ProbeFigures NotAddedAfter);

/// <summary>
/// The kiosk's learning replayed on an evaluation set: every identity enrolled from its first photo (by name); its other
/// photos are kiosk scans in order, then every stranger's photo. A scan recognised at or above the bar adds its embedding
/// to the person it was recognised as (at most <see cref="LearnBar.MaxPerPerson"/>, the oldest replaced), as
/// <c>KioskLearning</c> does in the app; a stranger above the bar is added too, as the app would. Then every scan is
/// identified again. The app also requires a good-quality, live face; eval's embeddings skip those checks, so the
/// simulation learns from at least as many scans as the app would.
/// </summary>
internal sealed class KioskLearningSimulation(FaceSet set, IReadOnlyList<FacePhoto> strangers, IReadOnlyDictionary<string, float[]?> embeddings, float threshold)
{
    private readonly Dictionary<string, Guid> personOf = set.Identities.ToDictionary(identity => identity, _ => Guid.NewGuid(), StringComparer.Ordinal);

    private readonly IReadOnlyList<FacePhoto> enrolled = [.. set.Photos.GroupBy(p => p.Identity).Select(photos => photos.First())];

    private IReadOnlyList<FacePhoto> Probes => [.. set.Photos.Except(enrolled)];

    public ProbeFigures Before() => Measure(EnrolledGallery(), Probes, strangers);

    /// <summary>The highest similarity any stranger's photo reaches to an enrolled person before learning: how far the
    /// strict bar is from the closest stranger.</summary>
    public float ClosestStranger()
    {
        var gallery = EnrolledGallery();
        return strangers.Select(s => embeddings[s.RelativePath] is { } vector ? gallery.Identify(vector).Best?.Similarity ?? -1 : -1).DefaultIfEmpty(-1).Max();
    }

    public LearnOutcome Learn(LearnBar bar)
    {
        var gallery = EnrolledGallery();
        var learned = new Dictionary<Guid, Queue<Guid>>();
        var added = new HashSet<FacePhoto>();
        int wrong = 0, strangersAdded = 0;
        foreach (var scan in Probes.Concat(strangers))
        {
            if (embeddings[scan.RelativePath] is not { } vector)
            {
                continue;
            }
            var closest = gallery.Closest(vector, 2);
            var decision = gallery.Decide(closest);
            if (decision.PersonId is not { } person || closest.Count < 2
                || closest[0].Similarity < bar.MinSimilarity || closest[0].Similarity - closest[1].Similarity < bar.MinMargin)
            {
                continue;
            }
            var own = learned.TryGetValue(person, out var queue) ? queue : learned[person] = new Queue<Guid>();
            if (own.Count == bar.MaxPerPerson)
            {
                gallery.Remove(own.Dequeue());
            }
            var faceId = Guid.NewGuid();
            gallery.Add(faceId, person, vector);
            own.Enqueue(faceId);
            added.Add(scan);
            strangersAdded += personOf.GetValueOrDefault(scan.Identity) == Guid.Empty ? 1 : 0;
            wrong += personOf.TryGetValue(scan.Identity, out var actual) && actual != person ? 1 : 0;
        }
        IReadOnlyList<FacePhoto> notAdded = [.. Probes.Where(p => !added.Contains(p))];
        return new LearnOutcome(bar, added.Count, wrong, strangersAdded, Measure(gallery, Probes, strangers),
            Measure(EnrolledGallery(), notAdded, []), Measure(gallery, notAdded, []));
    }

    private PersonGallery EnrolledGallery()
    {
        var gallery = new PersonGallery(threshold);
        foreach (var photo in enrolled)
        {
            if (embeddings[photo.RelativePath] is { } vector)
            {
                gallery.Add(Guid.NewGuid(), personOf[photo.Identity], vector);
            }
        }
        return gallery;
    }

    private ProbeFigures Measure(PersonGallery gallery, IReadOnlyList<FacePhoto> probes, IReadOnlyList<FacePhoto> open)
    {
        int recognised = 0, wrong = 0, accepted = 0;
        foreach (var probe in probes)
        {
            var decided = embeddings[probe.RelativePath] is { } vector ? gallery.Identify(vector).PersonId : null;
            recognised += decided == personOf[probe.Identity] ? 1 : 0;
            wrong += decided is { } person && person != personOf[probe.Identity] ? 1 : 0;
        }
        foreach (var stranger in open)
        {
            accepted += embeddings[stranger.RelativePath] is { } vector && gallery.Identify(vector).PersonId is not null ? 1 : 0;
        }
        return new ProbeFigures(probes.Count, recognised, wrong, open.Count, accepted);
    }
}
