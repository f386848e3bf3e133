using FaceAttendance.Vision.Detection;

namespace FaceAttendance.Vision;

/// <summary>
/// The face tensor Human hands to its antispoof and liveness models (facemeshutil.ts cutAndResize, then
/// antispoof.ts/liveness.ts): the face's square box cut with tf.image.cropAndResize to 192x192, /255, then
/// tf.image.resizeBilinear (no corner alignment, no half-pixel centres) to the model's size. TF's sampling rules are
/// kept because the models were trained on tensors made this way.
/// </summary>
internal static class HumanFaceCrop
{
    public const int MeshInputSize = 192;

    public const int FaceTensorLength = MeshInputSize * MeshInputSize * 3;

    /// <summary>Cuts <paramref name="box"/> (image pixels) to the 192x192 RGB 0..1 tensor Human keeps as face.tensor.</summary>
    public static void Cut(FaceImage image, FaceBox box, Span<float> faceTensor) =>
        TensorSampling.CropAndResize(image, box.X, box.Y, box.X + box.Width, box.Y + box.Height, faceTensor, MeshInputSize, 1 / 255f);

    /// <summary>tf.image.resizeBilinear(alignCorners=false, halfPixelCenters=false) of the 192x192 face tensor.</summary>
    public static void Resize(ReadOnlySpan<float> source, int targetSize, Span<float> target)
    {
        const int sourceSize = MeshInputSize;
        var scale = (float)sourceSize / targetSize;
        for (var y = 0; y < targetSize; y++)
        {
            var inY = y * scale;
            var top = (int)MathF.Floor(inY);
            var bottom = Math.Min(top + 1, sourceSize - 1);
            var yLerp = inY - top;
            for (var x = 0; x < targetSize; x++)
            {
                var inX = x * scale;
                var left = (int)MathF.Floor(inX);
                var right = Math.Min(left + 1, sourceSize - 1);
                var xLerp = inX - left;
                for (var c = 0; c < 3; c++)
                {
                    var topLeft = source[(top * sourceSize + left) * 3 + c];
                    var topRight = source[(top * sourceSize + right) * 3 + c];
                    var bottomLeft = source[(bottom * sourceSize + left) * 3 + c];
                    var bottomRight = source[(bottom * sourceSize + right) * 3 + c];
                    var upper = topLeft + (topRight - topLeft) * xLerp;
                    var lower = bottomLeft + (bottomRight - bottomLeft) * xLerp;
                    target[(y * targetSize + x) * 3 + c] = upper + (lower - upper) * yLerp;
                }
            }
        }
    }
}
