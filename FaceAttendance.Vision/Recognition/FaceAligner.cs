namespace FaceAttendance.Vision;

/// <summary>
/// Cuts dlib's 150x150 "face chip" (what the dlib ResNet descriptor behind face-api was trained on:
/// get_face_chip_details(shape, 150, 0.25)) out of an image, placed by Human's 468-point mesh.
/// Same recipe, constants and arithmetic order as tools/js-reference/align.mjs; change both together and bump
/// <see cref="PreprocessingVersion"/> so stored embeddings are recognised as stale.
/// </summary>
internal static class FaceAligner
{
    public const int ChipSize = 150;
    public const int PreprocessingVersion = 2;
    public const int MaxSubsamples = 8;
    private const double ChipPadding = 0.25;

    // dlib's mean face (landmarks 27..35, 36..47, 48..54, 60..64: the ones get_face_chip_details uses) in 0..1
    // template units, each paired with the MediaPipe mesh index of the same anatomical point.
    private static readonly (int Mesh, double X, double Y)[] Template =
    [
        (168, 0.490127, 0.203352), (197, 0.490127, 0.307009), (5, 0.490127, 0.409805), (4, 0.490127, 0.515625),
        (98, 0.36688, 0.587326), (97, 0.426036, 0.609345), (2, 0.490127, 0.628106), (326, 0.554217, 0.609345),
        (327, 0.613373, 0.587326),
        (33, 0.121737, 0.216423), (160, 0.187122, 0.178758), (158, 0.265825, 0.179852), (133, 0.334606, 0.231733),
        (153, 0.260918, 0.245099), (144, 0.182743, 0.244077),
        (362, 0.645647, 0.231733), (385, 0.714428, 0.179852), (387, 0.793132, 0.178758), (263, 0.858516, 0.216423),
        (373, 0.79751, 0.244077), (380, 0.719335, 0.245099),
        (61, 0.254149, 0.780233), (39, 0.340985, 0.745405), (37, 0.428858, 0.727388), (0, 0.490127, 0.742578),
        (267, 0.551395, 0.727388), (269, 0.639268, 0.745405), (291, 0.726104, 0.780233),
        (78, 0.290379, 0.784792), (82, 0.428096, 0.778746), (13, 0.490127, 0.785343), (312, 0.552157, 0.778746),
        (308, 0.689874, 0.784792),
    ];

    /// <summary>Least-squares similarity (no reflection) taking chip pixels to image pixels.</summary>
    public static ChipTransform ChipToImage(ReadOnlySpan<float> mesh)
    {
        var n = Template.Length;
        Span<double> src = stackalloc double[2 * n];
        Span<double> dst = stackalloc double[2 * n];
        double sx = 0, sy = 0, dx = 0, dy = 0;
        for (var i = 0; i < n; i++)
        {
            var (index, tx, ty) = Template[i];
            src[2 * i] = (ChipPadding + tx) / (1 + 2 * ChipPadding) * ChipSize;
            src[2 * i + 1] = (ChipPadding + ty) / (1 + 2 * ChipPadding) * ChipSize;
            dst[2 * i] = mesh[3 * index];
            dst[2 * i + 1] = mesh[3 * index + 1];
            sx += src[2 * i]; sy += src[2 * i + 1]; dx += dst[2 * i]; dy += dst[2 * i + 1];
        }
        sx /= n; sy /= n; dx /= n; dy /= n;
        double dot = 0, cross = 0, norm = 0;
        for (var i = 0; i < n; i++)
        {
            double ux = src[2 * i] - sx, uy = src[2 * i + 1] - sy, vx = dst[2 * i] - dx, vy = dst[2 * i + 1] - dy;
            dot += ux * vx + uy * vy;
            cross += ux * vy - uy * vx;
            norm += ux * ux + uy * uy;
        }
        double a = dot / norm, b = cross / norm;
        return new ChipTransform(a, -b, dx - (a * sx - b * sy), b, a, dy - (b * sx + a * sy));
    }

    /// <summary>Writes the chip of <paramref name="image"/> as interleaved RGB floats 0..255 (150*150*3).</summary>
    public static void Extract(FaceImage image, ChipTransform m, Span<float> crop) =>
        Extract(image.Rgb, image.Width, image.Height, 3, m, crop);

    /// <summary>
    /// Writes the chip as interleaved RGB floats 0..255 (150*150*3) into <paramref name="crop"/>. Where a chip pixel
    /// covers 1.5 or more image pixels it averages k x k bilinear samples over it (k = scale rounded, at most
    /// <see cref="MaxSubsamples"/>) so large faces don't alias, as dlib's pyramid does.
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

    /// <summary>The chip flipped left-right: the second view whose descriptor is added to the chip's (see align.mjs).</summary>
    public static void Mirror(ReadOnlySpan<float> chip, Span<float> mirrored)
    {
        for (var y = 0; y < ChipSize; y++)
        {
            for (var x = 0; x < ChipSize; x++)
            {
                chip.Slice((y * ChipSize + ChipSize - 1 - x) * 3, 3).CopyTo(mirrored.Slice((y * ChipSize + x) * 3, 3));
            }
        }
    }

    // outside the image is black, as in dlib's extract_image_chip
    private static double Sample(ReadOnlySpan<byte> pixels, int width, int height, int channels, int x, int y, int c) =>
        x < 0 || y < 0 || x >= width || y >= height ? 0 : pixels[(y * width + x) * channels + c];
}

/// <summary>imageX = M0*x + M1*y + M2, imageY = M3*x + M4*y + M5 for chip pixel (x, y).</summary>
internal readonly record struct ChipTransform(double M0, double M1, double M2, double M3, double M4, double M5);
