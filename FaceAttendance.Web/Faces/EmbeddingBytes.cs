using System.Runtime.InteropServices;

namespace FaceAttendance.Web.Faces;

/// <summary>Embeddings are stored as little-endian float32 bytes (the layout of every platform .NET runs on here).</summary>
internal static class EmbeddingBytes
{
    public static byte[] From(ReadOnlySpan<float> vector) => MemoryMarshal.AsBytes(vector).ToArray();

    public static float[] ToVector(byte[] data) => MemoryMarshal.Cast<byte, float>(data).ToArray();
}
