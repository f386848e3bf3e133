namespace FaceAttendance.Tests.Aws;

/// <summary>The people of ../shared/faces/dev the AWS tests use (read through <see cref="Web.Photos"/>): several
/// photos of one person, some of another.</summary>
public static class DevPhotos
{
    public const string Enrolled = "Sergey_Lavrov";
    public const string Other = "Vaclav_Havel";
}
