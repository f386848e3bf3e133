using System.CommandLine;
using System.Globalization;

namespace FaceAttendance.Cli;

/// <summary>Value rules that System.CommandLine's types do not carry, reported as its parse errors.</summary>
internal static class OptionRules
{
    public static Option<int> AtLeast(this Option<int> option, int minimum)
    {
        option.Validators.Add(result =>
        {
            // read from the token: a default is within the rule, and a token that is not a number has its own error
            if (result.Tokens is [var token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var value) && value < minimum)
            {
                result.AddError($"{option.Name} must be at least {minimum}.");
            }
        });
        return option;
    }
}
