using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using FaceAttendance.Web.Configuration;

namespace FaceAttendance.Tests.Web.Hosting.Lambda;

/// <summary>deploy/template.yaml cannot be deployed here; cfn-lint (with the SAM transform) checks it against
/// CloudFormation's schemas, and the settings it gives the function are checked against the app's own options.</summary>
public sealed partial class DeployTemplateTests
{
    private static readonly string Template = Path.Combine(TestPaths.RepoRoot, "deploy", "template.yaml");

    [Fact]
    public async Task CfnLintFindsNothingInTheTemplate()
    {
        var lint = Process.Start(new ProcessStartInfo("cfn-lint", [Template]) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException("cfn-lint is missing: apt-get install -y cfn-lint (.ci/run installs it)");
        var output = await lint.StandardOutput.ReadToEndAsync() + await lint.StandardError.ReadToEndAsync();
        await lint.WaitForExitAsync();

        lint.ExitCode.Should().Be(0, output);
    }

    [Fact]
    public void EverySettingTheFunctionGetsIsAnOptionOfTheApp()
    {
        var variables = Variable().Matches(File.ReadAllText(Template)).Select(m => m.Groups[1].Value).ToList();

        variables.Should().Contain(["FaceAttendance__DataDir", "FaceAttendance__Kiosk__Decision", "FaceAttendance__Uploads__MaxBytes"]);
        // every options class of the app, with the section it is bound to (several share the top-level "FaceAttendance")
        var options = typeof(Program).Assembly.GetTypes()
            .Select(type => (Type: type, Section: type.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string))
            .Where(option => option.Section is not null && option.Section.StartsWith("FaceAttendance", StringComparison.Ordinal))
            .ToList();
        foreach (var variable in variables.Where(v => v.StartsWith("FaceAttendance__", StringComparison.Ordinal)))
        {
            var key = variable.Replace("__", ":");
            if (key == SsmParameters.PathKey)
            {
                continue;
            }
            options.Should().Contain(option => IsSettingOf(key, option.Section!, option.Type), $"{variable} must be a setting of an options class");
        }
        Upload().Match(File.ReadAllText(Template)).Groups[1].Value.Should().Be(FaceAttendance.Web.Hosting.Lambda.LambdaSetup.MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static bool IsSettingOf(string key, string section, Type type) =>
        key.StartsWith(section + ":", StringComparison.Ordinal) && HasProperties(type, key[(section.Length + 1)..].Split(':'));

    private static bool HasProperties(Type type, string[] path) => path.Length == 0
        || type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance) is { } property && HasProperties(property.PropertyType, path[1..]);

    [GeneratedRegex(@"^\s+((?:FaceAttendance|ConnectionStrings)__\w+):", RegexOptions.Multiline)]
    private static partial Regex Variable();

    [GeneratedRegex(@"FaceAttendance__Uploads__MaxBytes: ""(\d+)""")]
    private static partial Regex Upload();
}
