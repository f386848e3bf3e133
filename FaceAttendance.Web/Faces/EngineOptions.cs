namespace FaceAttendance.Web.Faces;

public enum EngineProvider { Local, Rekognition }

/// <summary>The <c>FaceAttendance:Engine</c> section (the local engine's own settings bind from it too, as
/// <see cref="Vision.FaceEngineOptions"/>).</summary>
public sealed class EngineOptions
{
    public const string Section = "FaceAttendance:Engine";

    public EngineProvider Provider { get; set; } = EngineProvider.Local;
}
