using System.Text;

namespace FaceAttendance.Cli.ModelImport.Onnx;

/// <summary>
/// Minimal protobuf wire-format writer: just the field kinds ONNX needs. Output depends only on the
/// call sequence, so the same graph always serialises to the same bytes.
/// </summary>
internal sealed class ProtoWriter
{
    private const int VarintWireType = 0;
    private const int LengthDelimitedWireType = 2;

    private readonly MemoryStream _buffer = new();

    public byte[] ToArray() => _buffer.ToArray();

    public void WriteInt64(int field, long value)
    {
        WriteTag(field, VarintWireType);
        // negative int64 values are written as ten-byte two's-complement varints, as protobuf specifies
        WriteVarint(unchecked((ulong)value));
    }

    public void WriteString(int field, string value) => WriteBytes(field, Encoding.UTF8.GetBytes(value));

    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, LengthDelimitedWireType);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>Copies a field exactly as another message encoded it (tag included).</summary>
    public void WriteEncoded(ReadOnlySpan<byte> field) => _buffer.Write(field);

    /// <summary>Writes a nested message: it is built in its own buffer first because its length prefix comes first.</summary>
    public void WriteMessage(int field, Action<ProtoWriter> writeBody)
    {
        var nested = new ProtoWriter();
        writeBody(nested);
        WriteBytes(field, nested._buffer.GetBuffer().AsSpan(0, (int)nested._buffer.Length));
    }

    private void WriteTag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
