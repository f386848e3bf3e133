using FaceAttendance.Cli.ModelImport.Onnx;
using FaceAttendance.Cli.ModelImport.Tfjs;

namespace FaceAttendance.Cli.ModelImport.Conversion;

/// <summary>Flattening and fully connected ops: Reshape and _FusedMatMul.</summary>
internal static class DenseOps
{
    /// <summary>
    /// The target shape is in TF (NHWC) terms, so an NCHW input is transposed back first unless both
    /// layouts share the same flat order. The result is a plain tensor in TF layout.
    /// </summary>
    public static void Reshape(ConversionContext context, TfNode node)
    {
        var input = context.Input(node, 0);
        var target = context.Constant(node, 1).RequireInts();
        if (target.Length == 4)
        {
            throw node.Unsupported("reshaping to rank 4 is not supported (the result's layout would be ambiguous)");
        }
        var source = input.FlatOrderMatchesTf ? input.OnnxName : context.TfLayout(input);
        var shapeName = context.AddInt64s(node.Name + "/shape", target.Select(dim => (long)dim).ToArray());
        var output = context.Graph.AddNode("Reshape", node.Name, [source, shapeName]);
        context.SetOutput(node, new Activation(output, ResolveShape(node, input.Shape, target), ChannelsFirst: false));
    }

    /// <summary>_FusedMatMul(a, b, bias) = MatMul then BiasAdd, then optionally Relu; becomes Gemm (+ Relu).</summary>
    public static void FusedMatMul(ConversionContext context, TfNode node)
    {
        var fusedOps = node.GetStrings("fused_ops");
        if (fusedOps.Length == 0 || fusedOps[0] != "BiasAdd" || fusedOps.Length > 2 || (fusedOps.Length == 2 && fusedOps[1] != "Relu"))
        {
            throw node.Unsupported($"fused_ops [{string.Join(',', fusedOps)}] (expected BiasAdd, optionally Relu)");
        }
        var input = context.Input(node, 0);
        if (input.Rank != 2)
        {
            throw node.Unsupported($"input rank {input.Rank} (expected 2)");
        }
        var transposeA = node.GetBool("transpose_a", whenMissing: false);
        var transposeB = node.GetBool("transpose_b", whenMissing: false);
        var weights = context.Constant(node, 1);
        var bias = context.Constant(node, 2);
        var gemmName = fusedOps.Length == 1 ? node.Name : node.Name + "/gemm";
        var gemm = context.Graph.AddNode("Gemm", gemmName,
            [
                context.TfLayout(input),
                context.AddFloats(gemmName + "/weight", weights.Shape, weights.RequireFloats()),
                context.AddFloats(gemmName + "/bias", bias.Shape, bias.RequireFloats()),
            ],
            OnnxAttribute.Int("transA", transposeA ? 1 : 0),
            OnnxAttribute.Int("transB", transposeB ? 1 : 0));
        var output = fusedOps.Length == 1 ? gemm : context.Graph.AddNode("Relu", node.Name, [gemm]);
        var rows = transposeA ? input.Shape[1] : input.Shape[0];
        var columns = transposeB ? weights.Shape[0] : weights.Shape[1];
        context.SetOutput(node, new Activation(output, [rows, columns], ChannelsFirst: false));
    }

    /// <summary>Static output shape; a -1 in the target stands for the dynamic batch when the input has one.</summary>
    private static int[] ResolveShape(TfNode node, int[] inputShape, int[] target)
    {
        var inferred = target.Count(dim => dim == -1);
        var known = target.Where(dim => dim != -1).Aggregate(1L, (product, dim) => product * dim);
        var perItem = inputShape.Skip(1).Aggregate(1L, (product, dim) => product * dim);
        if (inferred > 1)
        {
            throw node.Unsupported("more than one -1 in the target shape");
        }
        if (inputShape[0] < 0)
        {
            // dynamic batch: valid only if the -1 absorbs exactly the batch
            return inferred == 1 && known == perItem
                ? target
                : throw node.Unsupported("the target shape does not keep the dynamic batch dimension");
        }
        var total = perItem * inputShape[0];
        if (inferred == 0)
        {
            return total == known ? target : throw node.Unsupported("element count changes");
        }
        return target.Select(dim => dim == -1 ? (int)(total / known) : dim).ToArray();
    }
}
