namespace FaceAttendance.Cli.ModelImport.Conversion;

/// <summary>Output size and explicit padding of one spatial axis of a convolution or pooling window.</summary>
internal readonly record struct AxisWindow(int Output, int PadBegin, int PadEnd)
{
    /// <summary>
    /// TensorFlow's padding rules with static sizes. SAME: output = ceil(input / stride) and the total
    /// padding needed is split with the odd pixel at the end (bottom/right), which ONNX's symmetric
    /// auto_pad cannot express, hence explicit pads. VALID: no padding, windows must fit entirely.
    /// </summary>
    public static AxisWindow Compute(string padding, int input, int kernel, int stride, int dilation)
    {
        var effectiveKernel = (kernel - 1) * dilation + 1;
        switch (padding)
        {
            case "SAME":
                var output = (input + stride - 1) / stride;
                var total = Math.Max((output - 1) * stride + effectiveKernel - input, 0);
                return new AxisWindow(output, total / 2, total - total / 2);
            case "VALID":
                if (input < effectiveKernel)
                {
                    throw new InvalidDataException($"VALID window of {effectiveKernel} does not fit input size {input}.");
                }
                return new AxisWindow((input - effectiveKernel) / stride + 1, 0, 0);
            default:
                throw new InvalidDataException($"Padding mode '{padding}' is not supported (only SAME and VALID).");
        }
    }

    /// <summary>ONNX pads order for two spatial axes: [top, left, bottom, right].</summary>
    public static long[] OnnxPads(AxisWindow height, AxisWindow width) =>
        [height.PadBegin, width.PadBegin, height.PadEnd, width.PadEnd];
}
