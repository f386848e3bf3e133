using System.Collections.Concurrent;
using FaceAttendance.Vision;

namespace FaceAttendance.Cli.Eval;

/// <summary>Embeds evaluation photos with the local engine, one face per photo, on every core.</summary>
internal static class EvalPhotos
{
    /// <summary>A folder of single-photo people (DIR/&lt;identity&gt;/&lt;photo&gt;), keyed by full path so they never collide with a set's.</summary>
    public static IReadOnlyList<FacePhoto> Strangers(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"strangers folder {root} not found");
        }
        return
        [
            .. Directory.GetDirectories(root).Order(StringComparer.Ordinal)
                .SelectMany(folder => Directory.GetFiles(folder).Where(PhotoFiles.IsPhoto).Order(StringComparer.Ordinal)
                    .Select(file => new FacePhoto("stranger:" + Path.GetFileName(folder), Path.GetFullPath(file)))),
        ];
    }

    /// <summary>The embedding of each photo (null when no face is found), by <see cref="FacePhoto.RelativePath"/>.</summary>
    public static Dictionary<string, float[]?> Embed(FaceEngine engine, string root, IEnumerable<FacePhoto> photos)
    {
        var embeddings = new ConcurrentDictionary<string, float[]?>(StringComparer.Ordinal);
        Parallel.ForEach(photos, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, photo =>
        {
            using var image = engine.Decode(File.ReadAllBytes(Path.Combine(root, photo.RelativePath)));
            var faces = engine.Detect(image);
            embeddings[photo.RelativePath] = faces.Count == 0 ? null : engine.Embed(image, NearestCentre(image, faces)).Vector;
        });
        return new Dictionary<string, float[]?>(embeddings, StringComparer.Ordinal);
    }

    // Eval photos are centred on the person they are labelled with (LFW's convention), so the face nearest the centre is
    // theirs whatever the app's rule (FaceInFront, which also refuses equally plausible pairs) would decide about the photo.
    private static DetectedFace NearestCentre(FaceImage image, IReadOnlyList<DetectedFace> faces) =>
        faces.MinBy(face => FaceInFront.DistanceFromCentre(face.Box, image.Width, image.Height))!;
}
