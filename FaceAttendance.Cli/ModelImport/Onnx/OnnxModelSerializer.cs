namespace FaceAttendance.Cli.ModelImport.Onnx;

/// <summary>
/// Serialises an <see cref="OnnxGraph"/> as an ONNX ModelProto (field numbers from onnx/onnx.proto).
/// Repeated scalars are written unpacked, the proto2 default that onnx.proto declares.
/// </summary>
internal static class OnnxModelSerializer
{
    public const long IrVersion = 8;
    public const long OpsetVersion = 17;

    public static byte[] Serialize(OnnxGraph graph, string producerName, string docString)
    {
        var model = new ProtoWriter();
        model.WriteInt64(1, IrVersion);
        model.WriteString(2, producerName);
        model.WriteString(6, docString);
        model.WriteMessage(7, writer => WriteGraph(writer, graph));
        model.WriteMessage(8, opset =>
        {
            opset.WriteString(1, "");
            opset.WriteInt64(2, OpsetVersion);
        });
        return model.ToArray();
    }

    private static void WriteGraph(ProtoWriter writer, OnnxGraph graph)
    {
        foreach (var node in graph.Nodes)
        {
            writer.WriteMessage(1, nodeWriter => WriteNode(nodeWriter, node));
        }
        writer.WriteString(2, graph.Name);
        foreach (var initializer in graph.Initializers)
        {
            writer.WriteMessage(5, tensorWriter => WriteTensor(tensorWriter, initializer));
        }
        foreach (var input in graph.Inputs)
        {
            writer.WriteMessage(11, valueWriter => WriteValueInfo(valueWriter, input));
        }
        foreach (var output in graph.Outputs)
        {
            writer.WriteMessage(12, valueWriter => WriteValueInfo(valueWriter, output));
        }
    }

    public static void WriteNode(ProtoWriter writer, OnnxNode node)
    {
        foreach (var input in node.Inputs)
        {
            writer.WriteString(1, input);
        }
        foreach (var output in node.Outputs)
        {
            writer.WriteString(2, output);
        }
        writer.WriteString(3, node.Name);
        writer.WriteString(4, node.OpType);
        foreach (var attribute in node.Attributes)
        {
            writer.WriteMessage(5, attributeWriter => WriteAttribute(attributeWriter, attribute));
        }
    }

    private static void WriteAttribute(ProtoWriter writer, OnnxAttribute attribute)
    {
        writer.WriteString(1, attribute.Name);
        switch (attribute.Type)
        {
            case OnnxAttributeType.Int:
                writer.WriteInt64(3, attribute.IntValue);
                break;
            case OnnxAttributeType.Ints:
                foreach (var value in attribute.IntsValue!)
                {
                    writer.WriteInt64(8, value);
                }
                break;
            default:
                throw new InvalidOperationException($"Attribute type {attribute.Type} is not serialisable.");
        }
        writer.WriteInt64(20, (long)attribute.Type);
    }

    public static void WriteTensor(ProtoWriter writer, OnnxTensor tensor)
    {
        foreach (var dim in tensor.Dims)
        {
            writer.WriteInt64(1, dim);
        }
        writer.WriteInt64(2, (long)tensor.DataType);
        writer.WriteString(8, tensor.Name);
        writer.WriteBytes(9, tensor.RawData);
    }

    private static void WriteValueInfo(ProtoWriter writer, OnnxValueInfo value)
    {
        writer.WriteString(1, value.Name);
        writer.WriteMessage(2, type => type.WriteMessage(1, tensorType =>
        {
            tensorType.WriteInt64(1, (long)value.DataType);
            tensorType.WriteMessage(2, shape =>
            {
                foreach (var dim in value.Dims)
                {
                    shape.WriteMessage(1, dimension =>
                    {
                        if (dim < 0)
                        {
                            dimension.WriteString(2, "N");
                        }
                        else
                        {
                            dimension.WriteInt64(1, dim);
                        }
                    });
                }
            });
        }));
    }
}
