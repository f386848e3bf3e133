using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Eval;

/// <summary>
/// 1:N identification as the kiosk does it. Gallery: the first photo of each identity in the first half of the
/// sorted identity list. Closed set: every other photo of those identities should find its own person at or above
/// the threshold (rank1). Open set: every photo of the second-half identities should find nobody.
/// </summary>
internal static class IdentificationMetrics
{
    public static (double Rank1, int OpenSetFalseAccepts, int OpenSetProbes) Measure(
        FaceSet set, IReadOnlyDictionary<string, float[]?> embeddings, float threshold)
    {
        var enrolled = set.Identities.Take(set.Identities.Count / 2).ToHashSet(StringComparer.Ordinal);
        var gallery = new PersonGallery(threshold);
        var identityOf = new Dictionary<Guid, string>();
        var galleryPhotos = new HashSet<string>(StringComparer.Ordinal);
        foreach (var first in set.Photos.Where(p => enrolled.Contains(p.Identity)).GroupBy(p => p.Identity).Select(g => g.First()))
        {
            galleryPhotos.Add(first.RelativePath);
            if (embeddings[first.RelativePath] is { } vector)
            {
                var id = Guid.NewGuid();
                identityOf[id] = first.Identity;
                gallery.Add(Guid.NewGuid(), id, vector);
            }
        }

        int probes = 0, correct = 0, openSetProbes = 0, openSetFalseAccepts = 0;
        foreach (var photo in set.Photos.Where(p => !galleryPhotos.Contains(p.RelativePath)))
        {
            var decided = embeddings[photo.RelativePath] is { } query ? gallery.Identify(query).PersonId : null;
            if (enrolled.Contains(photo.Identity))
            {
                probes++;
                correct += decided is { } person && identityOf[person] == photo.Identity ? 1 : 0;
            }
            else
            {
                openSetProbes++;
                openSetFalseAccepts += decided is null ? 0 : 1;
            }
        }
        return (probes == 0 ? 0 : (double)correct / probes, openSetFalseAccepts, openSetProbes);
    }
}
