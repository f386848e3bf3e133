using System.Text.Json;
using System.Text.RegularExpressions;

namespace FaceAttendance.Tests.Web;

/// <summary>The README's way to serve a tablet listens on the network, so it must not run as Development: that
/// environment (from the launch profile <c>dotnet run</c> applies) opens /openapi and /scalar to anyone and turns HSTS off.</summary>
public sealed partial class TabletRecipeTests
{
    [Fact]
    public void TheReadmesTabletCommandDoesNotRunAsDevelopment()
    {
        var readme = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "README.md"));
        var command = TabletCommand().Match(readme);
        command.Success.Should().BeTrue("the README names a dotnet run command that listens on 0.0.0.0");

        Environment(command.Value).Should().NotBe("Development", command.Value);
    }

    /// <summary>The environment the app gets from <paramref name="command"/>, as dotnet run and the host decide it.</summary>
    private static string Environment(string command)
    {
        // the host's own --environment argument (after --) wins over the launch profile's variable
        if (Regex.Match(command, @"\s--\s.*--environment[ =](\S+)") is { Success: true } argument)
        {
            return argument.Groups[1].Value;
        }
        if (command.Contains("--no-launch-profile", StringComparison.Ordinal))
        {
            return "Production";
        }
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "FaceAttendance.Web", "Properties", "launchSettings.json")));
        // dotnet run applies the first profile unless --launch-profile names another
        var name = Regex.Match(command, @"--launch-profile[ =](\S+)") is { Success: true } chosen ? chosen.Groups[1].Value : null;
        var profile = settings.RootElement.GetProperty("profiles").EnumerateObject().First(p => name is null || p.Name == name).Value;
        return profile.TryGetProperty("environmentVariables", out var variables) && variables.TryGetProperty("ASPNETCORE_ENVIRONMENT", out var environment)
            ? environment.GetString()!
            : "Production";
    }

    [GeneratedRegex(@"dotnet run [^`]*--urls https?://0\.0\.0\.0[^`]*")]
    private static partial Regex TabletCommand();
}
