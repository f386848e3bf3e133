using FaceAttendance.Cli.ModelImport.Onnx;
using FaceAttendance.Cli.ModelImport.Tfjs;

namespace FaceAttendance.Cli.ModelImport.Conversion;

/// <summary>Elementwise ops: binary Add/AddV2/Mul, activations Relu/Prelu/Sigmoid/Softmax, and Identity.</summary>
internal static class ElementwiseOps
{
    public static void Add(ConversionContext context, TfNode node) => Binary(context, node, "Add");

    public static void Mul(ConversionContext context, TfNode node) => Binary(context, node, "Mul");

    public static void Relu(ConversionContext context, TfNode node) => Unary(context, node, "Relu");

    public static void Sigmoid(ConversionContext context, TfNode node) => Unary(context, node, "Sigmoid");

    /// <summary>TF Prelu: x for x &gt; 0, alpha * x otherwise; alpha is per channel like ONNX PRelu's slope.</summary>
    public static void Prelu(ConversionContext context, TfNode node)
    {
        var input = context.Input(node, 0);
        context.SetOutput(node, input with { OnnxName = AddPrelu(context, node, node.Name, input, context.Constant(node, 1)) });
    }

    /// <summary>Prelu on an NCHW tensor becomes the NCHWc-friendly <see cref="PreluDecomposition"/>; elsewhere ONNX PRelu.</summary>
    public static string AddPrelu(ConversionContext context, TfNode node, string name, Activation input, TfTensor alpha)
    {
        if (!input.ChannelsFirst || input.Rank != 4)
        {
            return context.Graph.AddNode("PRelu", name, [input.OnnxName, context.BroadcastConstant(node, alpha, input)]);
        }
        var slopes = alpha.RequireFloats();
        if (slopes.Length != input.Channels)
        {
            throw node.Unsupported($"Prelu alpha '{alpha.Name}' [{string.Join(',', alpha.Shape)}] is not one slope per channel");
        }
        return PreluDecomposition.Add(context.Graph, name, input.OnnxName, slopes);
    }

    /// <summary>TF Softmax normalises the last axis, which is axis 1 once a rank-4 tensor is NCHW.</summary>
    public static void Softmax(ConversionContext context, TfNode node)
    {
        var input = context.Input(node, 0);
        var axis = input.ChannelsFirst ? 1 : input.Rank - 1;
        var output = context.Graph.AddNode("Softmax", node.Name, [input.OnnxName], OnnxAttribute.Int("axis", axis));
        context.SetOutput(node, input with { OnnxName = output });
    }

    /// <summary>Identity only renames: the node's consumers (and graph outputs) use its input directly.</summary>
    public static void Identity(ConversionContext context, TfNode node) => context.SetOutput(node, context.Input(node, 0));

    private static void Unary(ConversionContext context, TfNode node, string onnxOp)
    {
        var input = context.Input(node, 0);
        context.SetOutput(node, input with { OnnxName = context.Graph.AddNode(onnxOp, node.Name, [input.OnnxName]) });
    }

    private static void Binary(ConversionContext context, TfNode node, string onnxOp)
    {
        var leftIsConstant = context.IsConstant(node, 0);
        var rightIsConstant = context.IsConstant(node, 1);
        if (leftIsConstant && rightIsConstant)
        {
            throw node.Unsupported("both inputs are constants (constant folding is not implemented)");
        }
        if (leftIsConstant || rightIsConstant)
        {
            var activation = context.Input(node, leftIsConstant ? 1 : 0);
            var constant = context.BroadcastConstant(node, context.Constant(node, leftIsConstant ? 0 : 1), activation);
            string[] inputs = leftIsConstant ? [constant, activation.OnnxName] : [activation.OnnxName, constant];
            context.SetOutput(node, activation with { OnnxName = context.Graph.AddNode(onnxOp, node.Name, inputs) });
            return;
        }
        var left = context.Input(node, 0);
        var right = context.Input(node, 1);
        if (!left.Shape.SequenceEqual(right.Shape))
        {
            throw node.Unsupported($"broadcasting [{string.Join(',', left.Shape)}] with [{string.Join(',', right.Shape)}] is not supported");
        }
        var output = left.Rank == 4
            ? context.Graph.AddNode(onnxOp, node.Name, [context.ChannelsFirst(left), context.ChannelsFirst(right)])
            : context.Graph.AddNode(onnxOp, node.Name, [context.TfLayout(left), context.TfLayout(right)]);
        context.SetOutput(node, new Activation(output, left.Shape, ChannelsFirst: left.Rank == 4));
    }
}
