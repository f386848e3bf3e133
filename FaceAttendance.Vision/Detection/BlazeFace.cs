using System.Buffers;

namespace FaceAttendance.Vision.Detection;

/// <summary>
/// Human's BlazeFace step (blazeface.ts getBoxes with its default thresholds): the whole image resized to 256×256
/// and scaled to [-1, 1], anchors decoded, sigmoid scores, NMS, then each box scaled to the image, enlarged and squared.
/// </summary>
internal sealed class BlazeFace(OnnxModel model, int maxFaces) : IDisposable
{
    private const int Size = BlazeFaceAnchors.InputSize;
    internal const int Columns = 17; // score logit, box (cx, cy, w, h) and 6 keypoints (unused: Human's rotation is off)
    private const float MinConfidence = 0.2f;
    private const float IouThreshold = 0.1f;
    private const double Enlarge = 1.4;

    public List<FaceCandidate> FindCandidates(FaceImage image)
    {
        var input = ArrayPool<float>.Shared.Rent(Size * Size * 3);
        var raw = ArrayPool<float>.Shared.Rent(BlazeFaceAnchors.Count * Columns);
        try
        {
            TensorSampling.ResizeBilinear(image, input, Size, 1 / 127.5f, -1);
            RunModel(input.AsMemory(0, Size * Size * 3), raw);
            return Decode(raw, image.Width, image.Height, maxFaces);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(input);
            ArrayPool<float>.Shared.Return(raw);
        }
    }

    /// <summary>Writes the model's four heads as Human concatenates them: 896 rows of [logit, 16 regressors].</summary>
    internal void RunModel(Memory<float> input, Span<float> raw)
    {
        using var outputs = model.Run(input, [1, Size, Size, 3]);
        foreach (var output in outputs)
        {
            var shape = output.GetTensorTypeAndShape().Shape;
            AddHead(output.GetTensorDataAsSpan<float>(), (int)shape[1], (int)shape[2], raw);
        }
    }

    /// <summary>Places one head, told apart by its shape [1, 512 | 384, 1 | 16], into the concatenated rows.</summary>
    internal static void AddHead(ReadOnlySpan<float> head, int anchors, int width, Span<float> raw)
    {
        var firstRow = anchors == 512 ? 0 : 512; // the 16×16 grid's 512 anchors come first
        var column = width == 1 ? 0 : 1;
        for (var a = 0; a < anchors; a++)
        {
            head.Slice(a * width, width).CopyTo(raw.Slice((firstRow + a) * Columns + column, width));
        }
    }

    /// <summary>Boxes, scores and NMS over the 896 concatenated rows, then Human's scaling, enlarging and squaring.</summary>
    internal static List<FaceCandidate> Decode(ReadOnlySpan<float> raw, int imageWidth, int imageHeight, int maxFaces)
    {
        Span<float> boxes = new float[BlazeFaceAnchors.Count * 4];
        Span<float> scores = new float[BlazeFaceAnchors.Count];
        var anchors = BlazeFaceAnchors.Centers;
        for (var i = 0; i < BlazeFaceAnchors.Count; i++)
        {
            var row = raw.Slice(i * Columns, Columns);
            float centerX = row[1] + anchors[i * 2], centerY = row[2] + anchors[i * 2 + 1];
            boxes[i * 4] = centerX - row[3] / 2;
            boxes[i * 4 + 1] = centerY - row[4] / 2;
            boxes[i * 4 + 2] = centerX + row[3] / 2;
            boxes[i * 4 + 3] = centerY + row[4] / 2;
            scores[i] = 1 / (1 + MathF.Exp(-row[0]));
        }
        var candidates = new List<FaceCandidate>();
        double factorX = (double)imageWidth / Size, factorY = (double)imageHeight / Size;
        foreach (var i in NonMaxSuppression.Select(boxes, scores, maxFaces, IouThreshold, MinConfidence))
        {
            candidates.Add(Square(boxes[i * 4] * factorX, boxes[i * 4 + 1] * factorY, boxes[i * 4 + 2] * factorX, boxes[i * 4 + 3] * factorY, scores[i]));
        }
        return candidates;
    }

    // facemeshutil enlargeBox(1.4) then squarifyBox; Math.round in JS rounds halves up.
    private static FaceCandidate Square(double x1, double y1, double x2, double y2, float score)
    {
        double centerX = x1 + (x2 - x1) / 2, centerY = y1 + (y2 - y1) / 2;
        var half = Enlarge * Math.Max(Math.Abs(x2 - x1), Math.Abs(y2 - y1)) / 2;
        return new FaceCandidate(RoundHalfUp(centerX - half), RoundHalfUp(centerY - half), RoundHalfUp(centerX + half), RoundHalfUp(centerY + half), score);
    }

    private static double RoundHalfUp(double value) => Math.Floor(value + 0.5);

    public void Dispose() => model.Dispose();
}
