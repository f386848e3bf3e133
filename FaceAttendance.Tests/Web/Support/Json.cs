using System.Text.Json;
using System.Text.Json.Serialization;

namespace FaceAttendance.Tests.Web.Support;

/// <summary>Reads the app's JSON: camelCase with kebab-case enums.</summary>
internal static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
