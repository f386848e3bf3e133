namespace FaceAttendance.Vision;

/// <summary>An L2-normalised face descriptor and the id of the models + preprocessing that produced it.</summary>
public sealed record FaceEmbedding(float[] Vector, string ModelId);
