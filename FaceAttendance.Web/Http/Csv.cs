namespace FaceAttendance.Web.Http;

/// <summary>RFC 4180 fields, safe to open in a spreadsheet.</summary>
public static class Csv
{
    public static string Field(string? value)
    {
        value ??= "";
        // a leading = + - @ would make a spreadsheet evaluate the cell as a formula
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"")}\"" : value;
    }
}
