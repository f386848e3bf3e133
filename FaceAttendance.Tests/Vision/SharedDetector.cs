using FaceAttendance.Vision;
using FaceAttendance.Vision.Detection;

namespace FaceAttendance.Tests.Vision;

/// <summary>One detector for all detection tests, as the engine keeps one per process (it is thread-safe).</summary>
internal static class SharedDetector
{
    private static readonly Lazy<FaceDetector> Lazy = new(() => new FaceDetector(new FaceEngineOptions { ModelsDirectory = TestPaths.ModelsDir }));

    public static FaceDetector Instance => Lazy.Value;

    public static ImageDecoder Decoder { get; } = new(new FaceEngineOptions());
}
