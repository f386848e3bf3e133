using System.Text.RegularExpressions;

namespace FaceAttendance.Web.Http;

/// <summary>RFC 4180 fields, safe to open in a spreadsheet.</summary>
public static partial class Csv
{
    public static string Field(string? value)
    {
        // a spreadsheet evaluates a cell that starts with = + - @ as a formula; a locale that splits on ';' (or a tab)
        // starts a cell after each of those too, so every such start is made text with a leading apostrophe
        value = FormulaStart().Replace(value ?? "", "$1'");
        return value.IndexOfAny([',', ';', '\t', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }

    [GeneratedRegex(@"(^|[,;\t\r\n])(?=[=+\-@])")]
    private static partial Regex FormulaStart();
}
