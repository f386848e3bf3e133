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
        // sections bound on their own, beside FaceAttendanceOptions
        var sections = new Dictionary<string, Type>
        {
            ["FaceAttendance__Storage__S3"] = typeof(FaceAttendance.Web.Aws.S3.S3StoreOptions),
            ["FaceAttendance__Engine__Rekognition"] = typeof(FaceAttendance.Web.Aws.Engine.RekognitionEngineOptions),
        };
        foreach (var variable in variables.Where(v => v.StartsWith("FaceAttendance__", StringComparison.Ordinal)))
        {
            if (variable == SsmParameters.PathKey.Replace(":", "__"))
            {
                continue;
            }
            var section = sections.Keys.FirstOrDefault(key => variable.StartsWith(key + "__", StringComparison.Ordinal));
            var type = section is null ? typeof(FaceAttendanceOptions) : sections[section];
            foreach (var segment in variable[((section ?? "FaceAttendance").Length + 2)..].Split("__"))
            {
                var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance);
                property.Should().NotBeNull($"{variable}: {type.Name} has no {segment}");
                type = property!.PropertyType;
            }
        }
        Upload().Match(File.ReadAllText(Template)).Groups[1].Value.Should().Be(FaceAttendance.Web.Hosting.Lambda.LambdaSetup.MaxUploadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^\s+((?:FaceAttendance|ConnectionStrings)__\w+):", RegexOptions.Multiline)]
    private static partial Regex Variable();

    [GeneratedRegex(@"FaceAttendance__Uploads__MaxBytes: ""(\d+)""")]
    private static partial Regex Upload();
}
