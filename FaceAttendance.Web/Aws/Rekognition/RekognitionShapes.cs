using System.Text.Json.Serialization;

namespace FaceAttendance.Web.Aws.Rekognition;

// Rekognition's shared wire shapes (service model 2016-06-27), PascalCase as on the wire. Only the members this
// project produces or reads are declared; others a real service sends are ignored when reading.

/// <summary>An image either inline (base64 on the wire, at most 5 MB) or as a reference to an S3 object.</summary>
public sealed record Image(byte[]? Bytes = null, S3Object? S3Object = null);

public sealed record S3Object(string Bucket, string Name, string? Version = null);

/// <summary>Box as ratios of the image width and height (0..1), as Rekognition reports it.</summary>
public sealed record BoundingBox(float Width, float Height, float Left, float Top);

public sealed record Landmark(string Type, float X, float Y);

public sealed record Pose(float Roll, float Yaw, float Pitch);

public sealed record ImageQuality(float Brightness, float Sharpness);

public sealed record FaceDetail(
    BoundingBox BoundingBox, float Confidence, IReadOnlyList<Landmark>? Landmarks = null, Pose? Pose = null, ImageQuality? Quality = null);

public sealed record Face(
    string FaceId, BoundingBox BoundingBox, string ImageId, float Confidence,
    string? ExternalImageId = null, string? IndexFacesModelVersion = null, string? UserId = null);

public sealed record FaceMatch(float Similarity, Face Face);

public sealed record FaceRecord(Face Face, FaceDetail FaceDetail);

public sealed record UnindexedFace(IReadOnlyList<string> Reasons, FaceDetail FaceDetail);

public sealed record UnsuccessfulFaceDeletion(string FaceId, IReadOnlyList<string> Reasons, string? UserId = null);

/// <summary>Values of IndexFaces' and SearchFacesByImage's <c>QualityFilter</c>.</summary>
public static class QualityFilter
{
    public const string None = "NONE";
    public const string Auto = "AUTO";
    public const string Low = "LOW";
    public const string Medium = "MEDIUM";
    public const string High = "HIGH";

    public static readonly string[] All = [None, Auto, Low, Medium, High];
}

/// <summary>Rekognition timestamps travel as (fractional) epoch seconds.</summary>
public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
        DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(reader.GetDouble() * 1000));

    public override void Write(System.Text.Json.Utf8JsonWriter writer, DateTimeOffset value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000.0);
}
