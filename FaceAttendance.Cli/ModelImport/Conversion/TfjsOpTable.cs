using FaceAttendance.Cli.ModelImport.Tfjs;

namespace FaceAttendance.Cli.ModelImport.Conversion;

/// <summary>
/// The TF.js ops the importer can convert and the method converting each. Anything else fails the import
/// with the op's name, rather than producing a model that silently computes something different.
/// Const and Placeholder are handled by <see cref="TfjsToOnnxConverter"/> itself.
/// </summary>
internal static class TfjsOpTable
{
    private static readonly SortedDictionary<string, Action<ConversionContext, TfNode>> Converters = new(StringComparer.Ordinal)
    {
        ["_FusedConv2D"] = ConvolutionOps.FusedConv2D,
        ["DepthwiseConv2dNative"] = ConvolutionOps.DepthwiseConv2D,
        ["Add"] = ElementwiseOps.Add,
        ["AddV2"] = ElementwiseOps.Add,
        ["Mul"] = ElementwiseOps.Mul,
        ["Relu"] = ElementwiseOps.Relu,
        ["Prelu"] = ElementwiseOps.Prelu,
        ["Sigmoid"] = ElementwiseOps.Sigmoid,
        ["Softmax"] = ElementwiseOps.Softmax,
        ["Identity"] = ElementwiseOps.Identity,
        ["MaxPool"] = WindowOps.MaxPool,
        ["Pad"] = WindowOps.Pad,
        ["Reshape"] = DenseOps.Reshape,
        ["_FusedMatMul"] = DenseOps.FusedMatMul,
    };

    public static IReadOnlyCollection<string> SupportedOps => Converters.Keys;

    public static void Convert(ConversionContext context, TfNode node)
    {
        if (!Converters.TryGetValue(node.Op, out var convert))
        {
            throw new NotSupportedException(
                $"TF.js op '{node.Op}' (node '{node.Name}') is not supported by the model importer. " +
                $"Supported ops: Const, Placeholder, {string.Join(", ", Converters.Keys)}.");
        }
        convert(context, node);
    }
}
