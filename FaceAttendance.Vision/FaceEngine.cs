using System.Buffers;
using FaceAttendance.Vision.Detection;

namespace FaceAttendance.Vision;

/// <summary>
/// The local face engine: decode, detect (BlazeFace + FaceMesh as Human does), align to the ArcFace 5-point chip, embed
/// (faceplugin's MobileFaceNet), judge quality and liveness. Thread-safe; load one per process: each model is one
/// ONNX Runtime session shared by all calls.
/// </summary>
public sealed class FaceEngine : IDisposable
{
    // Cosine similarity to a person's mean embedding at or above which a face is that person (PersonGallery's rule),
    // chosen once on ../shared/faces/dev plus ../shared/faces/strangers in the kiosk regime (200 people enrolled from up
    // to 3 photos each): it accepts 1 of 3,262 strangers (the 1-in-1,000 point is 0.493) and recognises 97.9 % of the
    // enrolled people's other photos, with nobody taken for someone else. docs/recognition.md has the curve. Never re-fitted.
    private const float BuiltInMatchThreshold = 0.50f;

    private static readonly string[] RequiredModels = ["blazeface.onnx", "facemesh.onnx", FaceEmbedder.ModelFile, "antispoof.onnx", "liveness.onnx"];

    private readonly ImageDecoder decoder;
    private readonly FaceDetector detector;
    private readonly FaceEmbedder embedder;
    private readonly LivenessChecker liveness;

    private FaceEngine(FaceEngineOptions options)
    {
        ModelId = ModelIdentity.Compute(options.ModelsDirectory);
        decoder = new ImageDecoder(options);
        detector = new FaceDetector(options);
        embedder = new FaceEmbedder(Model(options, FaceEmbedder.ModelFile));
        liveness = new LivenessChecker(Model(options, "antispoof.onnx"), Model(options, "liveness.onnx"));
    }

    /// <summary>Loads every model from <see cref="FaceEngineOptions.ModelsDirectory"/>; throws with a clear message if one is missing.</summary>
    public static FaceEngine Load(FaceEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // checked up front so a missing file fails before any session is created (and none is left undisposed)
        var missing = RequiredModels.Where(file => !File.Exists(Path.Combine(options.ModelsDirectory, file))).ToList();
        if (missing.Count > 0)
        {
            throw new FileNotFoundException(
                $"Face models missing from {options.ModelsDirectory}: {string.Join(", ", missing)}; run `import-models` or set ModelsDirectory.");
        }
        return new FaceEngine(options);
    }

    /// <summary>Changes whenever a model file or the preprocessing changes; stored embeddings from another id must be redone.</summary>
    public string ModelId { get; }

    public float MatchThreshold => BuiltInMatchThreshold;

    /// <summary>Length of every embedding this engine makes.</summary>
    public const int EmbeddingDimensions = FaceEmbedder.Dimensions;

    public FaceImage Decode(ReadOnlySpan<byte> encoded) => decoder.Decode(encoded);

    /// <summary>Faces in the image, largest first.</summary>
    public IReadOnlyList<DetectedFace> Detect(FaceImage image) => detector.Detect(image);

    /// <summary>A face found in the frame a moment before, followed into this one at the mesh's cost only; null when it
    /// is not there (detect afresh).</summary>
    public DetectedFace? Follow(FaceImage image, DetectedFace previous) => detector.Follow(image, previous);

    public FaceEmbedding Embed(FaceImage image, DetectedFace face) => Embed(image, [face])[0];

    /// <summary>Embeds several faces of one image in a single model call.</summary>
    public IReadOnlyList<FaceEmbedding> Embed(FaceImage image, IReadOnlyList<DetectedFace> faces) =>
        [.. embedder.Embed(image, faces).Select(vector => new FaceEmbedding(vector, ModelId))];

    public FaceQuality AssessQuality(FaceImage image, DetectedFace face) =>
        WithChip(image, face, chip => FaceQualityAssessor.Assess(face, chip.AsSpan(0, FaceAligner.ChipValues)));

    /// <summary>
    /// The face's quality and, only when it is acceptable, its embedding, aligning the chip once for both (a kiosk scan
    /// and an enrolment photo need both; <see cref="AssessQuality"/> then <see cref="Embed(FaceImage, DetectedFace)"/> would align it twice).
    /// </summary>
    public (FaceQuality Quality, FaceEmbedding? Embedding) AssessAndEmbed(FaceImage image, DetectedFace face) =>
        WithChip(image, face, chip =>
        {
            var aligned = chip.AsSpan(0, FaceAligner.ChipValues);
            var quality = FaceQualityAssessor.Assess(face, aligned);
            return (quality, quality.IsAcceptable ? new FaceEmbedding(embedder.EmbedChips(aligned)[0], ModelId) : null);
        });

    public LivenessResult CheckLiveness(FaceImage image, DetectedFace face) => liveness.Check(image, face);

    public void Dispose()
    {
        detector.Dispose();
        embedder.Dispose();
        liveness.Dispose();
    }

    // pooled: a chip is 150 KB, which would be a large-object allocation on every kiosk scan
    private static T WithChip<T>(FaceImage image, DetectedFace face, Func<float[], T> use)
    {
        var chip = ArrayPool<float>.Shared.Rent(FaceAligner.ChipValues);
        try
        {
            FaceAligner.Extract(image, FaceAligner.ChipToImage(face.Landmarks), chip.AsSpan(0, FaceAligner.ChipValues));
            return use(chip);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(chip);
        }
    }

    private static OnnxModel Model(FaceEngineOptions options, string file) =>
        new(Path.Combine(options.ModelsDirectory, file), options.IntraOpThreads);
}
