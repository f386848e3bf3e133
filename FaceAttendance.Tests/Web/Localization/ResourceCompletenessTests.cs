using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using FaceAttendance.Web.Localization;

namespace FaceAttendance.Tests.Web.Localization;

/// <summary>Every text is in every language: each language's resource file has exactly the English keys, none empty,
/// with the same {placeholders}, so no screen falls back to English halfway or loses the time it was meant to show.</summary>
public sealed partial class ResourceCompletenessTests
{
    // every language the app offers besides English, so a language added to Languages.Supported needs its files
    public static TheoryData<string, string> TextsAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in Languages.Supported.Skip(1))
        {
            data.Add(nameof(KioskTexts), language);
            data.Add(nameof(AdminTexts), language);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(TextsAndLanguages))]
    public void EveryEnglishTextHasATranslationWithTheSamePlaceholdersAndNothingElse(string texts, string language)
    {
        var english = Texts(texts, CultureInfo.InvariantCulture);
        var translated = Texts(texts, CultureInfo.GetCultureInfo(language));

        english.Should().NotBeEmpty();
        translated.Keys.Should().BeEquivalentTo(english.Keys, $"{texts}.{language}.resx has every key of {texts}.resx, and no other");
        foreach (var (key, value) in translated)
        {
            value.Should().NotBeNullOrWhiteSpace($"{texts}.{language}.resx: {key}");
            Placeholders(value).Should().BeEquivalentTo(Placeholders(english[key]), $"{texts}.{language}.resx: {key} = \"{value}\"");
        }
    }

    /// <summary>Only the texts of <paramref name="culture"/>'s own file (no fallback to English).</summary>
    private static Dictionary<string, string> Texts(string texts, CultureInfo culture)
    {
        var resources = new ResourceManager($"FaceAttendance.Web.Resources.Localization.{texts}", typeof(Languages).Assembly);
        using var set = resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"{texts} has no resource file for '{culture.Name}'.");
        return set.Cast<DictionaryEntry>().ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!);
    }

    private static string[] Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\w+\}")]
    private static partial Regex Placeholder();
}
