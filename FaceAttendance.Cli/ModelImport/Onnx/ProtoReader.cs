using System.Text;

namespace FaceAttendance.Cli.ModelImport.Onnx;

/// <summary>One field of a protobuf message: its number, wire type, its whole encoding (tag included) and its value.</summary>
internal readonly record struct ProtoField(int Number, int WireType, ReadOnlyMemory<byte> Encoded, ReadOnlyMemory<byte> Payload, ulong Varint)
{
    public const int VarintWireType = 0;
    public const int LengthDelimitedWireType = 2;

    public string AsString() => Encoding.UTF8.GetString(Payload.Span);
}

/// <summary>Minimal protobuf wire-format reader, the counterpart of <see cref="ProtoWriter"/> for rewriting ONNX files.</summary>
internal static class ProtoReader
{
    /// <summary>The fields of one message in file order; fixed32/fixed64 payloads are returned as bytes.</summary>
    public static List<ProtoField> Fields(ReadOnlyMemory<byte> message)
    {
        var fields = new List<ProtoField>();
        var position = 0;
        var span = message.Span;
        while (position < span.Length)
        {
            var start = position;
            var tag = ReadVarint(span, ref position);
            var number = (int)(tag >> 3);
            var wireType = (int)(tag & 7);
            ReadOnlyMemory<byte> payload = default;
            ulong varint = 0;
            switch (wireType)
            {
                case ProtoField.VarintWireType:
                    varint = ReadVarint(span, ref position);
                    break;
                case ProtoField.LengthDelimitedWireType:
                    var length = checked((int)ReadVarint(span, ref position));
                    payload = Slice(message, position, length);
                    position += length;
                    break;
                case 1:
                    payload = Slice(message, position, 8);
                    position += 8;
                    break;
                case 5:
                    payload = Slice(message, position, 4);
                    position += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {wireType} at byte {start}.");
            }
            fields.Add(new ProtoField(number, wireType, message[start..position], payload, varint));
        }
        return fields;
    }

    private static ReadOnlyMemory<byte> Slice(ReadOnlyMemory<byte> message, int start, int length) =>
        start + length <= message.Length ? message.Slice(start, length) : throw new InvalidDataException("Truncated protobuf message.");

    public static ulong ReadVarint(ReadOnlySpan<byte> span, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (position >= span.Length)
            {
                throw new InvalidDataException("Truncated protobuf varint.");
            }
            var b = span[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }
        throw new InvalidDataException("Protobuf varint longer than 10 bytes.");
    }
}
