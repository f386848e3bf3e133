using CliProgram = FaceAttendance.Cli.Program;

namespace FaceAttendance.Tests.Cli;

/// <summary>The verbs' command lines as System.CommandLine reads them: help for each, exit code 2 for a usage error.</summary>
public class VerbUsageTests
{
    [Theory]
    [InlineData("import-models")]
    [InlineData("eval")]
    [InlineData("tradeoff")]
    [InlineData("bench")]
    [InlineData("enrol-folder")]
    [InlineData("strangers")]
    public async Task EachVerbAnswersHelp(string verb) => (await CliProgram.Main([verb, "--help"])).Should().Be(0);

    [Theory]
    [InlineData]
    [InlineData("second-recogniser", "--faces", ".")]
    [InlineData("eval", "--strangers", ".")]
    [InlineData("eval", "--faces", "no-such-folder")]
    [InlineData("bench", "--faces", ".", "--limit", "0")]
    [InlineData("bench", "--faces", ".", "--warmup", "many")]
    [InlineData("tradeoff", "--faces", ".", "--strangers", ".", "--doc", "no-such-file.md", "--plot", "plot.svg")]
    [InlineData("strangers", "--faces", ".")]
    [InlineData("import-models", "--human-models", ".", "--faceplugin", ".")]
    public async Task AMissingOrBadOptionOrVerbIsAUsageError(params string[] args) => (await CliProgram.Main(args)).Should().Be(2);
}
