namespace FaceAttendance.Cli.Eval;

/// <summary>
/// An evaluation folder: one sub-folder of photos per identity plus pairs.csv (img1,img2,same; paths relative to the
/// folder). Identities and photos are ordered by ordinal name so the gallery/probe split is reproducible.
/// </summary>
internal sealed record FaceSet(string Root, IReadOnlyList<string> Identities, IReadOnlyList<FacePhoto> Photos, IReadOnlyList<FacePair> Pairs)
{
    public static FaceSet Load(string root)
    {
        var pairsFile = Path.Combine(root, "pairs.csv");
        if (!File.Exists(pairsFile))
        {
            throw new FileNotFoundException($"{pairsFile} not found: eval needs DIR/<identity>/<photo> and DIR/pairs.csv");
        }
        var identities = Directory.GetDirectories(root).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        var photos = identities
            .SelectMany(identity => Directory.GetFiles(Path.Combine(root, identity))
                .Where(PhotoFiles.IsPhoto)
                .Order(StringComparer.Ordinal)
                .Select(file => new FacePhoto(identity, $"{identity}/{Path.GetFileName(file)}")))
            .ToList();
        var pairs = File.ReadLines(pairsFile).Skip(1).Where(line => line.Length > 0).Select(ParsePair).ToList();
        return new FaceSet(root, identities, photos, pairs);
    }

    private static FacePair ParsePair(string line)
    {
        var fields = line.Split(',');
        return fields.Length == 3 && fields[2] is "0" or "1"
            ? new FacePair(fields[0], fields[1], fields[2] == "1")
            : throw new FormatException($"pairs.csv line \"{line}\" is not img1,img2,same");
    }
}

internal sealed record FacePhoto(string Identity, string RelativePath);

internal sealed record FacePair(string First, string Second, bool Same);
