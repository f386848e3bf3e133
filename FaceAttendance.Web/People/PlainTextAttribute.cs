using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace FaceAttendance.Web.People;

/// <summary>
/// Refuses control characters (NUL, newlines, ...) and the invisible text-direction marks (U+202E RIGHT-TO-LEFT OVERRIDE
/// and its kin) in names and employee ids: they make a name display as something else in the admin pages, CSV exports
/// and logs.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class PlainTextAttribute() : ValidationAttribute("The {0} field must not contain control or text-direction characters.")
{
    public override bool IsValid(object? value) => value is not string text || !text.Any(IsHidden);

    private static bool IsHidden(char c) =>
        char.GetUnicodeCategory(c) == UnicodeCategory.Control
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
