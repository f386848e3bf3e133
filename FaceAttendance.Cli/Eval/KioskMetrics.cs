using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Eval;

/// <summary>
/// The kiosk regime: for each identity in the first half of the sorted list, its first min(3, n - 1) photos by file
/// name are enrolled (one person each) and the rest are probes; every photo of the second half and of the strangers is
/// an open-set probe. Probes are decided by <see cref="PersonGallery"/>, the app's own rule.
/// </summary>
internal sealed class KioskMetrics
{
    private const int EnrolPhotosPerPerson = 3;

    private readonly PersonGallery gallery;
    private readonly List<(Guid Truth, PersonScore? Best)> probes = [];
    private readonly List<PersonScore?> openSet = [];
    private readonly int enrolPhotos;

    public KioskMetrics(FaceSet set, IReadOnlyList<FacePhoto> strangers, IReadOnlyDictionary<string, float[]?> embeddings, float threshold)
    {
        gallery = new PersonGallery(threshold);
        var enrolled = set.Identities.Take(set.Identities.Count / 2).ToHashSet(StringComparer.Ordinal);
        var personOf = set.Identities.ToDictionary(identity => identity, _ => Guid.NewGuid(), StringComparer.Ordinal);
        var probePhotos = new List<FacePhoto>();
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
        foreach (var photo in probePhotos)
        {
            probes.Add((personOf[photo.Identity], Best(embeddings[photo.RelativePath])));
        }
        foreach (var photo in set.Photos.Where(p => !enrolled.Contains(p.Identity)).Concat(strangers))
        {
            openSet.Add(Best(embeddings[photo.RelativePath]));
        }
    }

    /// <summary>The figures at the gallery's own threshold.</summary>
    public KioskFigures Figures() => At(gallery.Threshold);

    /// <summary>The figures if the threshold were <paramref name="threshold"/>: a probe is decided when its best person reaches it.</summary>
    public KioskFigures At(float threshold)
    {
        var recognised = probes.Count(p => p.Best is { } best && best.Similarity >= threshold && best.PersonId == p.Truth);
        var wrongPerson = probes.Count(p => p.Best is { } best && best.Similarity >= threshold && best.PersonId != p.Truth);
        var falseAccepts = openSet.Count(best => best is { } b && b.Similarity >= threshold);
        return new KioskFigures(enrolPhotos, probes.Count, probes.Count == 0 ? 0 : Math.Round((double)recognised / probes.Count, 5),
            wrongPerson, openSet.Count, falseAccepts);
    }

    // a photo without a face is decided as nobody, like a kiosk scan that finds no face
    private PersonScore? Best(float[]? embedding) => embedding is null ? null : gallery.Identify(embedding).Best;
}

/// <summary>eval's "kiosk" JSON object.</summary>
internal sealed record KioskFigures(int EnrolPhotos, int Probes, double Recognised, int WrongPerson, int OpenSetProbes, int OpenSetFalseAccepts);
