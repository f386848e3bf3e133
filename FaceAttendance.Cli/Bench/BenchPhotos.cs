namespace FaceAttendance.Cli.Bench;

/// <summary>
/// The photos a benchmark runs, in the same order as tools/js-reference/photos.mjs so `--limit N` picks the same N
/// photos on both sides: identity folders by ordinal name, then each folder's JPEGs by ordinal name.
/// </summary>
internal static class BenchPhotos
{
    public static IReadOnlyList<string> List(string facesDir, int limit)
    {
        if (!Directory.Exists(facesDir))
        {
            throw new DirectoryNotFoundException($"faces folder not found: {facesDir}");
        }
        return Directory.GetDirectories(facesDir)
            .Order(StringComparer.Ordinal)
            .SelectMany(identity => Directory.GetFiles(identity)
                .Where(IsJpeg)
                .Order(StringComparer.Ordinal))
            .Take(limit)
            .ToList();
    }

    private static bool IsJpeg(string file) =>
        Path.GetExtension(file).ToLowerInvariant() is ".jpg" or ".jpeg";
}
