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

    /// <summary>Photos are scaled down to at most this many pixels as they are decoded (JPEG by its DCT scaling, WebP
    /// natively), so a decode costs bounded memory; 4 MP keeps a face's detail for every stage of the engine.</summary>
    public long MaxDecodedPixels { get; set; } = 4_194_304;

    /// <summary>A format that cannot decode scaled (PNG) is decoded at full size first, so it has this smaller limit:
    /// 16 MP costs 64 MB for the moment of decoding, where 40 MP cost 160 MB.</summary>
    public long MaxFullSizeDecodePixels { get; set; } = 16_777_216;

    /// <summary>Decodes running at once; more wait. Bounds the memory a burst of large photos can take.</summary>
    public int MaxConcurrentDecodes { get; set; } = Environment.ProcessorCount;

    /// <summary>Images whose longer side exceeds this are downscaled before detection; results stay in original pixels.</summary>
    public int DetectionMaxSide { get; set; } = 1024;

    /// <summary>Intra-op threads of each ONNX Runtime session.</summary>
    public int IntraOpThreads { get; set; } = 1;
}
