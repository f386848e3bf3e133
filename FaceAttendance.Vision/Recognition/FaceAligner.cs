namespace FaceAttendance.Vision;

/// <summary>
/// Cuts the 112x112 ArcFace chip that the MobileFaceNet recogniser was trained on: five points from Human's mesh
/// (each eye's contour centre, nose tip, the two mouth corners) fitted by least squares with a similarity transform
/// (Umeyama: rotation, uniform scale, translation, never a reflection) onto insightface's 5-point template, then
/// sampled bilinearly. Same recipe, constants and arithmetic order as tools/js-reference/align.mjs; change both
/// together and bump <see cref="PreprocessingVersion"/> so stored embeddings are recognised as stale.
/// </summary>
internal static class FaceAligner
{
    public const int ChipSize = 112;
    public const int ChipValues = ChipSize * ChipSize * 3;
    public const int PreprocessingVersion = 3;
    public const int MaxSubsamples = 8;

    // insightface's arcface_dst, in chip pixels, in image order: the eye on the image's left (the subject's right),
    // the other eye, nose tip, the mouth corner on the image's left, the other mouth corner
    private static readonly (double X, double Y)[] Template =
        [(38.2946, 51.6963), (73.5318, 51.5014), (56.0252, 71.7366), (41.5493, 92.3655), (70.7299, 92.2041)];

    /// <summary>The chip-to-image transform of the least-squares similarity taking the face's five points onto the template.</summary>
    public static ChipTransform ChipToImage(FaceLandmarks landmarks)
    {
        ReadOnlySpan<PointF> points = [landmarks.RightEye, landmarks.LeftEye, landmarks.NoseTip, landmarks.MouthRight, landmarks.MouthLeft];
        var n = points.Length;
        double sx = 0, sy = 0, dx = 0, dy = 0;
        for (var i = 0; i < n; i++)
        {
            sx += points[i].X; sy += points[i].Y; dx += Template[i].X; dy += Template[i].Y;
        }
        sx /= n; sy /= n; dx /= n; dy /= n;
        double dot = 0, cross = 0, norm = 0;
        for (var i = 0; i < n; i++)
        {
            double ux = points[i].X - sx, uy = points[i].Y - sy, vx = Template[i].X - dx, vy = Template[i].Y - dy;
            dot += ux * vx + uy * vy;
            cross += ux * vy - uy * vx;
            norm += ux * ux + uy * uy;
        }
        // image -> chip: [a -b; b a] * (p - image mean) + template mean; the chip needs its inverse
        double a = dot / norm, b = cross / norm, scale = a * a + b * b;
        double ia = a / scale, ib = -b / scale;
        return new ChipTransform(ia, -ib, sx - (ia * dx - ib * dy), ib, ia, sy - (ib * dx + ia * dy));
    }

    /// <summary>Writes the chip of <paramref name="image"/> as interleaved RGB floats 0..255 (112*112*3).</summary>
    public static void Extract(FaceImage image, ChipTransform m, Span<float> crop) =>
        Extract(image.Rgb, image.Width, image.Height, 3, m, crop);

    /// <summary>
    /// Writes the chip as interleaved RGB floats 0..255 (112*112*3) into <paramref name="crop"/>. Where a chip pixel
    /// covers 1.5 or more image pixels it averages k x k bilinear samples over it (k = scale rounded, at most
    /// <see cref="MaxSubsamples"/>) so a large webcam face doesn't alias into the chip.
    /// </summary>
    public static void Extract(ReadOnlySpan<byte> pixels, int width, int height, int channels, ChipTransform m, Span<float> crop)
    {
        var k = (int)Math.Clamp(Math.Floor(Math.Sqrt(m.M0 * m.M0 + m.M3 * m.M3) + 0.5), 1, MaxSubsamples);
        Span<double> sum = stackalloc double[3];
        for (var y = 0; y < ChipSize; y++)
        {
            for (var x = 0; x < ChipSize; x++)
            {
                sum.Clear();
                for (var j = 0; j < k; j++)
                {
                    for (var i = 0; i < k; i++)
                    {
                        double sx = x + (i + 0.5) / k - 0.5, sy = y + (j + 0.5) / k - 0.5;
                        double ix = m.M0 * sx + m.M1 * sy + m.M2, iy = m.M3 * sx + m.M4 * sy + m.M5;
                        double x0 = Math.Floor(ix), y0 = Math.Floor(iy);
                        double fx = ix - x0, fy = iy - y0;
                        int px = (int)x0, py = (int)y0;
                        for (var c = 0; c < 3; c++)
                        {
                            var top = Sample(pixels, width, height, channels, px, py, c) * (1 - fx)
                                + Sample(pixels, width, height, channels, px + 1, py, c) * fx;
                            var bottom = Sample(pixels, width, height, channels, px, py + 1, c) * (1 - fx)
                                + Sample(pixels, width, height, channels, px + 1, py + 1, c) * fx;
                            sum[c] += top * (1 - fy) + bottom * fy;
                        }
                    }
                }
                var output = (y * ChipSize + x) * 3;
                for (var c = 0; c < 3; c++)
                {
                    crop[output + c] = (float)(sum[c] / (k * k));
                }
            }
        }
    }

    // outside the image is black, as cv2.warpAffine's default border in insightface's norm_crop
    private static double Sample(ReadOnlySpan<byte> pixels, int width, int height, int channels, int x, int y, int c) =>
        x < 0 || y < 0 || x >= width || y >= height ? 0 : pixels[(y * width + x) * channels + c];
}

/// <summary>imageX = M0*x + M1*y + M2, imageY = M3*x + M4*y + M5 for chip pixel (x, y).</summary>
internal readonly record struct ChipTransform(double M0, double M1, double M2, double M3, double M4, double M5);
