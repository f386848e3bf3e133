using System.Buffers;

namespace FaceAttendance.Vision.Detection;

/// <summary>
/// Area-averaging downscale for detection: every output pixel is the mean of the source pixels it covers (partial
/// pixels weighted by coverage), so a large photo shrinks without the aliasing a plain bilinear resize would add.
/// </summary>
internal static class ImageDownscaler
{
    public static FaceImage Downscale(FaceImage source, int width, int height)
    {
        var columns = Coverage(source.Width, width);
        var rows = Coverage(source.Height, height);
        var sums = ArrayPool<float>.Shared.Rent(width * height * 3);
        try
        {
            var accumulator = sums.AsSpan(0, width * height * 3);
            accumulator.Clear();
            for (var y = 0; y < source.Height; y++)
            {
                var sourceRow = source.Rgb.Slice(y * source.RowBytes, source.RowBytes);
                var (firstRow, firstWeight, secondWeight) = rows[y];
                AddRow(sourceRow, columns, accumulator.Slice(firstRow * width * 3, width * 3), firstWeight);
                if (secondWeight > 0)
                {
                    AddRow(sourceRow, columns, accumulator.Slice((firstRow + 1) * width * 3, width * 3), secondWeight);
                }
            }
            var result = new FaceImage(width, height);
            var pixels = result.WritableRgb;
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)Math.Clamp(MathF.Round(accumulator[i]), 0, 255);
            }
            return result;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(sums);
        }
    }

    private static void AddRow(ReadOnlySpan<byte> sourceRow, (int First, float FirstWeight, float SecondWeight)[] columns, Span<float> target, float rowWeight)
    {
        for (var x = 0; x < columns.Length; x++)
        {
            var (first, firstWeight, secondWeight) = columns[x];
            var (w1, w2) = (firstWeight * rowWeight, secondWeight * rowWeight);
            for (var c = 0; c < 3; c++)
            {
                var value = sourceRow[x * 3 + c];
                target[first * 3 + c] += value * w1;
                if (w2 > 0)
                {
                    target[(first + 1) * 3 + c] += value * w2;
                }
            }
        }
    }

    // For each source index: the first output index it falls into and its weights there and in the next one
    // (a source pixel straddles at most two outputs because the scale is at least 1).
    private static (int First, float FirstWeight, float SecondWeight)[] Coverage(int sourceLength, int targetLength)
    {
        var ratio = (double)sourceLength / targetLength;
        var coverage = new (int, float, float)[sourceLength];
        for (var i = 0; i < sourceLength; i++)
        {
            var first = Math.Min((int)(i / ratio), targetLength - 1);
            var boundary = (first + 1) * ratio;
            coverage[i] = i + 1 <= boundary || first == targetLength - 1
                ? (first, (float)(1 / ratio), 0f)
                : (first, (float)((boundary - i) / ratio), (float)((i + 1 - boundary) / ratio));
        }
        return coverage;
    }
}
