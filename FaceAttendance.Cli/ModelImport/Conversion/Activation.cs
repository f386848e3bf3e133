namespace FaceAttendance.Cli.ModelImport.Conversion;

/// <summary>
/// A float tensor computed by the ONNX graph. <see cref="Shape"/> is always in TensorFlow terms (NHWC for
/// rank 4, -1 for the dynamic batch); <see cref="ChannelsFirst"/> says whether the ONNX tensor actually
/// holds the NCHW transpose of it, which every rank-4 activation does after the model boundary.
/// </summary>
internal sealed record Activation(string OnnxName, int[] Shape, bool ChannelsFirst)
{
    public int Rank => Shape.Length;

    public int Channels => Shape[^1];

    /// <summary>
    /// NHWC and NCHW put the elements in the same flat order when only one of H*W and C exceeds 1,
    /// so a flattening reshape can use the NCHW tensor without transposing it back.
    /// </summary>
    public bool FlatOrderMatchesTf => !ChannelsFirst || Shape[1] * Shape[2] == 1 || Shape[3] == 1;
}
