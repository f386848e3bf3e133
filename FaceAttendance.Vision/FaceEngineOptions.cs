namespace FaceAttendance.Vision;

/// <summary>Settings of the local face engine; validated when the engine loads.</summary>
public sealed class FaceEngineOptions
{
    /// <summary>Folder holding the converted .onnx models (copied next to every app that references the engine).</summary>
    public string ModelsDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "models");

    /// <summary>Encoded images larger than this many bytes are refused before decoding.</summary>
    public long MaxImageBytes { get; set; } = 15 * 1024 * 1024;

    /// <summary>Decompression-bomb guard: width × height from the header must not exceed this.</summary>
    public long MaxImagePixels { get; set; } = 40_000_000;

    /// <summary>Images whose longer side exceeds this are downscaled before detection; results stay in original pixels.</summary>
    public int DetectionMaxSide { get; set; } = 1024;

    /// <summary>Intra-op threads of each ONNX Runtime session.</summary>
    public int IntraOpThreads { get; set; } = 1;
}
