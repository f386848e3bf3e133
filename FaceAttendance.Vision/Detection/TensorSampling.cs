namespace FaceAttendance.Vision.Detection;

/// <summary>
/// The two tfjs image ops Human uses to build model inputs, reproduced sample for sample so the tensors match:
/// resizeBilinear (alignCorners and halfPixelCenters off) and cropAndResize (bilinear, extrapolation 0).
/// Both read 8-bit RGB and write NHWC floats as <c>value * scale + offset</c>.
/// </summary>
internal static class TensorSampling
{
    public static void ResizeBilinear(FaceImage image, Span<float> output, int outputSize, float scale, float offset)
    {
        Span<int> left = stackalloc int[outputSize];
        Span<int> right = stackalloc int[outputSize];
        Span<float> xLerp = stackalloc float[outputSize];
        var xRatio = (float)image.Width / outputSize;
        for (var x = 0; x < outputSize; x++)
        {
            var source = x * xRatio;
            left[x] = (int)MathF.Floor(source) * 3;
            right[x] = Math.Min(image.Width - 1, (int)MathF.Ceiling(source)) * 3;
            xLerp[x] = source - MathF.Floor(source);
        }
        var yRatio = (float)image.Height / outputSize;
        for (var y = 0; y < outputSize; y++)
        {
            var source = y * yRatio;
            var top = image.Rgb.Slice((int)MathF.Floor(source) * image.RowBytes, image.RowBytes);
            var bottom = image.Rgb.Slice(Math.Min(image.Height - 1, (int)MathF.Ceiling(source)) * image.RowBytes, image.RowBytes);
            SampleRow(top, bottom, source - MathF.Floor(source), left, right, xLerp, output.Slice(y * outputSize * 3, outputSize * 3), scale, offset);
        }
    }

    /// <summary>Crops [x1, y1, x2, y2] (image pixels) to an outputSize² patch; samples outside the image are 0.</summary>
    public static void CropAndResize(FaceImage image, double x1, double y1, double x2, double y2, Span<float> output, int outputSize, float scale)
    {
        // tfjs takes the box normalised by the image size and maps it back with (size - 1).
        var (width, height) = (image.Width, image.Height);
        var top = (float)(y1 / height) * (height - 1);
        var leftEdge = (float)(x1 / width) * (width - 1);
        var yStep = ((float)(y2 / height) - (float)(y1 / height)) * (height - 1) / (outputSize - 1);
        var xStep = ((float)(x2 / width) - (float)(x1 / width)) * (width - 1) / (outputSize - 1);

        Span<int> left = stackalloc int[outputSize];
        Span<int> right = stackalloc int[outputSize];
        Span<float> xLerp = stackalloc float[outputSize];
        for (var x = 0; x < outputSize; x++)
        {
            var source = leftEdge + x * xStep;
            var inside = source >= 0 && source <= width - 1;
            left[x] = inside ? (int)MathF.Floor(source) * 3 : -1;
            right[x] = inside ? (int)MathF.Ceiling(source) * 3 : -1;
            xLerp[x] = source - MathF.Floor(source);
        }
        for (var y = 0; y < outputSize; y++)
        {
            var row = output.Slice(y * outputSize * 3, outputSize * 3);
            var source = top + y * yStep;
            if (source < 0 || source > height - 1)
            {
                row.Clear();
                continue;
            }
            var upper = image.Rgb.Slice((int)MathF.Floor(source) * image.RowBytes, image.RowBytes);
            var lower = image.Rgb.Slice((int)MathF.Ceiling(source) * image.RowBytes, image.RowBytes);
            SampleRow(upper, lower, source - MathF.Floor(source), left, right, xLerp, row, scale, 0);
        }
    }

    private static void SampleRow(ReadOnlySpan<byte> top, ReadOnlySpan<byte> bottom, float yLerp, ReadOnlySpan<int> left,
        ReadOnlySpan<int> right, ReadOnlySpan<float> xLerp, Span<float> row, float scale, float offset)
    {
        for (var x = 0; x < left.Length; x++)
        {
            var (l, r, t) = (left[x], right[x], xLerp[x]);
            for (var c = 0; c < 3; c++)
            {
                if (l < 0)
                {
                    row[x * 3 + c] = 0;
                    continue;
                }
                float topLeft = top[l + c], topRight = top[r + c], bottomLeft = bottom[l + c], bottomRight = bottom[r + c];
                var upper = topLeft + (topRight - topLeft) * t;
                var lower = bottomLeft + (bottomRight - bottomLeft) * t;
                row[x * 3 + c] = (upper + (lower - upper) * yLerp) * scale + offset;
            }
        }
    }
}
