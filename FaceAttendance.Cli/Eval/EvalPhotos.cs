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

    // Eval photos are centred on the person they are labelled with (LFW's convention); the largest face, which the
    // kiosk rightly takes, is a bystander in 6 of the 1,448 dev photos and would measure someone else's face.
    private static DetectedFace NearestCentre(FaceImage image, IReadOnlyList<DetectedFace> faces) =>
        faces.MinBy(face => Square(face.Box.X + face.Box.Width / 2 - image.Width / 2f) + Square(face.Box.Y + face.Box.Height / 2 - image.Height / 2f))!;

    private static float Square(float value) => value * value;
}
