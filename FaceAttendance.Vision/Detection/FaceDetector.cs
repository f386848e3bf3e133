namespace FaceAttendance.Vision.Detection;

/// <summary>
/// Finds faces as @vladmandic/human 3.3.6 does (BlazeFace, then FaceMesh to confirm each face and place its points)
/// and reports them in the original image's pixels, largest first. Thread-safe: the sessions are shared, the
/// buffers are per call. There is no tiled second pass for small faces: in a 1280×720 frame BlazeFace already finds
/// 39 of 40 dev faces about 55 px wide (1/23 of the frame) and all from about 90 px, well past the 1/8 we need.
/// </summary>
internal sealed class FaceDetector : IDisposable
{
    private const float MinFaceScore = 0.2f; // Human's detector.minConfidence, also applied to the mesh faceflag
    private const int MaxFaces = 10;

    private readonly BlazeFace _blazeFace;
    private readonly FaceMesh _faceMesh;
    private readonly int _maxSide;

    public FaceDetector(FaceEngineOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.DetectionMaxSide, FaceMesh.Size);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.IntraOpThreads);
        _maxSide = options.DetectionMaxSide;
        _blazeFace = new BlazeFace(new OnnxModel(Path.Combine(options.ModelsDirectory, "blazeface.onnx"), options.IntraOpThreads), MaxFaces);
        _faceMesh = new FaceMesh(new OnnxModel(Path.Combine(options.ModelsDirectory, "facemesh.onnx"), options.IntraOpThreads));
    }

    public IReadOnlyList<DetectedFace> Detect(FaceImage image)
    {
        var longSide = Math.Max(image.Width, image.Height);
        if (longSide <= _maxSide)
        {
            return DetectAtScale(image, 1, 1);
        }
        var scale = (double)_maxSide / longSide;
        using var small = ImageDownscaler.Downscale(image, Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)));
        return DetectAtScale(small, (float)image.Width / small.Width, (float)image.Height / small.Height);
    }

    /// <summary>BlazeFace's concatenated raw output for a prepared input tensor (parity checks against Human).</summary>
    internal void BlazeFaceRawOutput(float[] input, Span<float> raw) => _blazeFace.RunModel(input, raw);

    /// <summary>
    /// <paramref name="previous"/>, found in the frame before a moment earlier, followed into this one: the mesh runs on
    /// a square the size the detector cut last time, centred where the face was, without BlazeFace (as Human follows a
    /// face between video frames; the mesh alone is about a fifth of detection's time). The mesh places its points well
    /// only on a crop near centred on the face, so a face that moved is cropped again around where the mesh found it.
    /// Null when there is no face there any more, it moved too far, or the image is larger than detection's working
    /// size: the caller then detects afresh.
    /// </summary>
    public DetectedFace? Follow(FaceImage image, DetectedFace previous)
    {
        if (Math.Max(image.Width, image.Height) > _maxSide)
        {
            return null;
        }
        var around = previous.Box;
        for (var pass = 0; pass < 2; pass++)
        {
            var square = SquareAround(around, previous.DetectorBox.Width);
            if (MeshFaces(image, [square], 1, 1) is not [var face])
            {
                return null;
            }
            if (CentreOffset(face.Box, square) <= MaxFollowOffset)
            {
                return face;
            }
            around = face.Box;
        }
        return null;
    }

    /// <summary>How far off centre, as a share of the crop's width, the mesh may find a followed face. A fresh detection's
    /// own crop is off by at most 0.065 (0.033 median) on 150 dev photos, where following the same frame moves the yaw by
    /// 0.4° median, 1.3° at the 90th percentile.</summary>
    private const double MaxFollowOffset = 0.1;

    private static FaceCandidate SquareAround(FaceBox box, double size)
    {
        var (centreX, centreY, half) = (box.X + box.Width / 2.0, box.Y + box.Height / 2.0, Math.Round(size / 2));
        return new FaceCandidate(Math.Round(centreX - half), Math.Round(centreY - half), Math.Round(centreX + half), Math.Round(centreY + half), 1);
    }

    private static double CentreOffset(FaceBox box, FaceCandidate square) =>
        Math.Max(Math.Abs(box.X + box.Width / 2 - square.CenterX), Math.Abs(box.Y + box.Height / 2 - square.CenterY)) / square.Width;

    private List<DetectedFace> DetectAtScale(FaceImage image, float toOriginalX, float toOriginalY)
    {
        var candidates = _blazeFace.FindCandidates(image);
        return candidates.Count == 0 ? [] : MeshFaces(image, candidates, toOriginalX, toOriginalY);
    }

    /// <summary>The candidates the mesh confirms as faces, in the original image's pixels, largest first.</summary>
    private List<DetectedFace> MeshFaces(FaceImage image, IReadOnlyList<FaceCandidate> candidates, float toOriginalX, float toOriginalY)
    {
        var (faceFlags, rawMeshes) = _faceMesh.Run(image, candidates);
        var faces = new List<DetectedFace>(candidates.Count);
        const int meshLength = FaceMesh.Points * 3;
        for (var i = 0; i < candidates.Count; i++)
        {
            // Human rounds the faceflag to 2 decimals (halves up) and keeps the face only above minConfidence
            if (MathF.Floor(100 * faceFlags[i] + 0.5f) / 100 <= MinFaceScore)
            {
                continue;
            }
            var mesh = new float[meshLength];
            MeshGeometry.ToImage(rawMeshes.AsSpan(i * meshLength, meshLength), candidates[i], mesh);
            var box = MeshGeometry.Box(mesh, candidates[i], image.Width, image.Height);
            ScaleToOriginal(mesh, toOriginalX, toOriginalY);
            faces.Add(new DetectedFace(
                new FaceBox(box.X * toOriginalX, box.Y * toOriginalY, box.Width * toOriginalX, box.Height * toOriginalY),
                faceFlags[i], MeshGeometry.Landmarks(mesh), mesh)
            {
                DetectorBox = new FaceBox((float)(candidates[i].StartX * toOriginalX), (float)(candidates[i].StartY * toOriginalY),
                    (float)(candidates[i].Width * toOriginalX), (float)(candidates[i].Height * toOriginalY)),
            });
        }
        faces.Sort((a, b) => b.Box.Area.CompareTo(a.Box.Area));
        return faces;
    }

    private static void ScaleToOriginal(Span<float> mesh, float x, float y)
    {
        if (x == 1 && y == 1)
        {
            return;
        }
        for (var i = 0; i < mesh.Length; i += 3)
        {
            mesh[i] *= x;
            mesh[i + 1] *= y;
        }
    }

    public void Dispose()
    {
        _blazeFace.Dispose();
        _faceMesh.Dispose();
    }
}
