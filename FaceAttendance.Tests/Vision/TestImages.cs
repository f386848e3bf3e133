using System.Buffers.Binary;
using System.IO.Compression;
using FaceAttendance.Cli.Front;
using FaceAttendance.Vision;
using SkiaSharp;

namespace FaceAttendance.Tests.Vision;

/// <summary>Builds the photos detection and decoding tests need from the shared dev faces, in memory.</summary>
internal static class TestImages
{
    public const string DevPhoto = "Aaron_Peirsol/Aaron_Peirsol_0001.jpg";
    public const string OtherDevPhoto = "Cesar_Gaviria/Cesar_Gaviria_0001.jpg";

    public static byte[] DevBytes(string relativePath = DevPhoto) => File.ReadAllBytes(Path.Combine(TestPaths.FacesDir, relativePath));

    public static SKBitmap DevBitmap(string relativePath = DevPhoto) => SKBitmap.Decode(DevBytes(relativePath));

    /// <summary>The photo's faces, as the engine's detector finds them (largest first).</summary>
    public static IReadOnlyList<DetectedFace> Faces(byte[] photo)
    {
        using var image = SharedDetector.Decoder.Decode(photo);
        return SharedDetector.Instance.Detect(image);
    }

    /// <summary><see cref="FrontComposite"/> of two photos of one face each: the bystander pasted behind the main face.</summary>
    public static (byte[] Jpeg, FaceBox Main, FaceBox Bystander) WithBystanderBehind(byte[] main, byte[] bystander, float scale,
        BystanderPlace place, bool toTheLeft = false) =>
        FrontComposite.Build(main, Faces(main).Single().Box, bystander, Faces(bystander).Single().Box, scale, place, toTheLeft);

    public static byte[] Encode(SKBitmap bitmap, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg, int quality = 95)
    {
        using var data = bitmap.Encode(format, quality);
        return data.ToArray();
    }

    /// <summary>A canvas of the given size filled with <paramref name="background"/>, with each photo drawn into its rectangle.</summary>
    public static SKBitmap Compose(int width, int height, SKColor background, params (SKBitmap Photo, SKRect Where)[] photos)
    {
        var canvasBitmap = new SKBitmap(width, height);
        using var canvas = new SKCanvas(canvasBitmap);
        canvas.Clear(background);
        using var paint = new SKPaint();
        foreach (var (photo, where) in photos)
        {
            using var image = SKImage.FromBitmap(photo);
            canvas.DrawImage(image, where, new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
        }
        return canvasBitmap;
    }

    /// <summary>The photo turned a quarter anticlockwise, i.e. how a camera held sideways stores it.</summary>
    public static SKBitmap RotatedAnticlockwise(SKBitmap photo)
    {
        var rotated = new SKBitmap(photo.Height, photo.Width);
        using var canvas = new SKCanvas(rotated);
        canvas.Translate(0, photo.Width);
        canvas.RotateDegrees(-90);
        using var image = SKImage.FromBitmap(photo);
        canvas.DrawImage(image, 0, 0, SKSamplingOptions.Default);
        return rotated;
    }

    /// <summary>Inserts an EXIF APP1 segment carrying only the orientation tag right after the JPEG's SOI marker.</summary>
    public static byte[] WithExifOrientation(byte[] jpeg, ushort orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, // big-endian TIFF header, first IFD at offset 8
            0, 1,                                     // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1,             // tag 0x0112 Orientation, SHORT, count 1
            (byte)(orientation >> 8), (byte)orientation, 0, 0,
            0, 0, 0, 0,                               // no next IFD
        ];
        byte[] exifHeader = [(byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0];
        var segmentLength = 2 + exifHeader.Length + tiff.Length;
        using var output = new MemoryStream();
        output.Write(jpeg, 0, 2);
        output.Write([0xFF, 0xE1, (byte)(segmentLength >> 8), (byte)segmentLength]);
        output.Write(exifHeader);
        output.Write(tiff);
        output.Write(jpeg, 2, jpeg.Length - 2);
        return output.ToArray();
    }

    /// <summary>A tiny, well-formed PNG whose header claims the given size (the decompression-bomb shape).</summary>
    public static byte[] PngClaiming(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth; colour type 0 (grey), default compression, filter and interlace
        WriteChunk(output, "IHDR", header);
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            zlib.Write(new byte[1024]);
        }
        WriteChunk(output, "IDAT", compressed.ToArray());
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    public static FaceImage FromRgb(int width, int height, ReadOnlySpan<byte> rgb)
    {
        var image = new FaceImage(width, height);
        rgb.CopyTo(image.WritableRgb);
        return image;
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        output.Write(number);
        output.Write(typeBytes);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32([.. typeBytes, .. data]));
        output.Write(number);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }
        return ~crc;
    }
}
