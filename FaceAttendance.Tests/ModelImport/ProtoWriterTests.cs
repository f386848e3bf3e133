using FaceAttendance.Cli.ModelImport.Onnx;

namespace FaceAttendance.Tests.ModelImport;

/// <summary>Wire bytes checked against the examples of the protobuf encoding guide.</summary>
public sealed class ProtoWriterTests
{
    [Fact]
    public void Varint_field_is_tag_then_base128_little_endian()
    {
        var writer = new ProtoWriter();
        writer.WriteInt64(1, 150);
        writer.ToArray().Should().Equal(0x08, 0x96, 0x01);
    }

    [Fact]
    public void Negative_int64_takes_ten_bytes()
    {
        var writer = new ProtoWriter();
        writer.WriteInt64(1, -1);
        writer.ToArray().Should().Equal(0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
    }

    [Fact]
    public void String_field_is_length_delimited_utf8()
    {
        var writer = new ProtoWriter();
        writer.WriteString(2, "testing");
        writer.ToArray().Should().Equal(0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6e, 0x67);
    }

    [Fact]
    public void Nested_message_is_prefixed_with_its_length()
    {
        var writer = new ProtoWriter();
        writer.WriteMessage(3, nested => nested.WriteInt64(1, 150));
        writer.ToArray().Should().Equal(0x1a, 0x03, 0x08, 0x96, 0x01);
    }

    [Fact]
    public void Large_field_numbers_use_multi_byte_tags()
    {
        var writer = new ProtoWriter();
        writer.WriteInt64(20, 2); // AttributeProto.type
        writer.ToArray().Should().Equal(0xa0, 0x01, 0x02);
    }
}
