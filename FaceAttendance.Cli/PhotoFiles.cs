namespace FaceAttendance.Cli;

/// <summary>Which files of a photo folder the verbs read as photos: the types the app accepts, by extension.</summary>
internal static class PhotoFiles
{
    public static readonly string[] Extensions = [".jpg", ".jpeg", ".png", ".webp"];

    public static bool IsPhoto(string file) => Extensions.Contains(Path.GetExtension(file).ToLowerInvariant());
}
