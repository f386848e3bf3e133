using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceAttendance.Web.Aws.Rekognition;

/// <summary>JSON 1.1 as Rekognition speaks it: member names verbatim (PascalCase), absent members omitted, blobs base64.</summary>
public static class RekognitionJson
{
    public const string ContentType = "application/x-amz-json-1.1";
    public const string TargetPrefix = "RekognitionService.";

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
