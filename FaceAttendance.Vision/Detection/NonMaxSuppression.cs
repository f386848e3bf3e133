namespace FaceAttendance.Vision.Detection;

/// <summary>
/// Hard non-maximum suppression exactly as tfjs' nonMaxSuppression (soft-NMS sigma 0): candidates scoring above
/// the threshold are taken best first (ties: lower index first) and dropped when their IoU with an already
/// selected box reaches the IoU threshold.
/// </summary>
internal static class NonMaxSuppression
{
    /// <param name="boxes">x1, y1, x2, y2 per box.</param>
    public static List<int> Select(ReadOnlySpan<float> boxes, ReadOnlySpan<float> scores, int maxOutput, float iouThreshold, float scoreThreshold)
    {
        var candidates = new List<int>();
        for (var i = 0; i < scores.Length; i++)
        {
            if (scores[i] > scoreThreshold)
            {
                candidates.Add(i);
            }
        }
        var scoreArray = scores.ToArray();
        candidates.Sort((a, b) => scoreArray[a] != scoreArray[b] ? scoreArray[b].CompareTo(scoreArray[a]) : a.CompareTo(b));

        var selected = new List<int>();
        foreach (var candidate in candidates)
        {
            if (selected.Count >= maxOutput)
            {
                break;
            }
            var suppressed = false;
            foreach (var kept in selected)
            {
                if (IntersectionOverUnion(boxes, candidate, kept) >= iouThreshold)
                {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed)
            {
                selected.Add(candidate);
            }
        }
        return selected;
    }

    internal static float IntersectionOverUnion(ReadOnlySpan<float> boxes, int i, int j)
    {
        var a = boxes.Slice(i * 4, 4);
        var b = boxes.Slice(j * 4, 4);
        var areaA = (Math.Max(a[0], a[2]) - Math.Min(a[0], a[2])) * (Math.Max(a[1], a[3]) - Math.Min(a[1], a[3]));
        var areaB = (Math.Max(b[0], b[2]) - Math.Min(b[0], b[2])) * (Math.Max(b[1], b[3]) - Math.Min(b[1], b[3]));
        if (areaA <= 0 || areaB <= 0)
        {
            return 0;
        }
        var width = Math.Max(Math.Min(Math.Max(a[0], a[2]), Math.Max(b[0], b[2])) - Math.Max(Math.Min(a[0], a[2]), Math.Min(b[0], b[2])), 0);
        var height = Math.Max(Math.Min(Math.Max(a[1], a[3]), Math.Max(b[1], b[3])) - Math.Max(Math.Min(a[1], a[3]), Math.Min(b[1], b[3])), 0);
        var intersection = width * height;
        return intersection / (areaA + areaB - intersection);
    }
}
