namespace FaceAttendance.Vision;

/// <summary>
/// Brightness and sharpness of the face itself: measured on the aligned chip's central square (chip pixels 24..88,
/// from beside the eyes to below the mouth), so background, image size and head size don't change the figures.
/// </summary>
internal static class ChipStatistics
{
    private const int Start = 24;
    private const int End = 88;

    /// <summary>Mean luminance (0..1) and Laplacian variance over grey variance (contrast-independent sharpness).</summary>
    public static (float Brightness, float Sharpness) Measure(ReadOnlySpan<float> chip)
    {
        const int size = End - Start;
        Span<float> grey = stackalloc float[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var i = ((y + Start) * FaceAligner.ChipSize + x + Start) * 3;
                grey[y * size + x] = 0.299f * chip[i] + 0.587f * chip[i + 1] + 0.114f * chip[i + 2];
            }
        }

        double sum = 0, sumSquares = 0, lapSum = 0, lapSquares = 0;
        foreach (var g in grey)
        {
            sum += g;
            sumSquares += g * g;
        }
        for (var y = 1; y < size - 1; y++)
        {
            for (var x = 1; x < size - 1; x++)
            {
                var i = y * size + x;
                double laplacian = grey[i - 1] + grey[i + 1] + grey[i - size] + grey[i + size] - 4 * grey[i];
                lapSum += laplacian;
                lapSquares += laplacian * laplacian;
            }
        }
        var n = (double)size * size;
        var mean = sum / n;
        var variance = Math.Max(sumSquares / n - mean * mean, 1e-6);
        var inner = (double)(size - 2) * (size - 2);
        var lapVariance = lapSquares / inner - lapSum / inner * (lapSum / inner);
        return ((float)(mean / 255), (float)(lapVariance / variance));
    }
}
