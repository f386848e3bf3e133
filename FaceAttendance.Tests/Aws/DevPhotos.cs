namespace FaceAttendance.Tests.Aws;

/// <summary>Photos from ../shared/faces/dev used by the AWS tests: several of one person, some of another.</summary>
public static class DevPhotos
{
    public const string Enrolled = "Sergey_Lavrov";
    public const string Other = "Vaclav_Havel";

    /// <summary>The <paramref name="index"/>-th photo (from 0, by file name) of <paramref name="person"/>.</summary>
    public static string Path(string person, int index) =>
        Directory.GetFiles(System.IO.Path.Combine(TestPaths.FacesDir, person), "*.jpg").Order(StringComparer.Ordinal).ElementAt(index);

    public static byte[] Read(string person, int index) => File.ReadAllBytes(Path(person, index));
}
