using System.CommandLine;
using FaceAttendance.Cli.Bench;
using FaceAttendance.Cli.Burst;
using FaceAttendance.Cli.EnrolFolder;
using FaceAttendance.Cli.Eval;
using FaceAttendance.Cli.Front;
using FaceAttendance.Cli.Learn;
using FaceAttendance.Cli.ModelImport;

namespace FaceAttendance.Cli;

/// <summary>
/// The verbs, one line each; each verb's file builds its command, options and action.
/// A named class (not top-level statements) so it does not clash with the web app's Program in tests.
/// </summary>
internal static class Program
{
    private const int UsageError = 2;

    public static async Task<int> Main(string[] args)
    {
        var verbs = new RootCommand("FaceAttendance's console tool: model import, evaluation, benchmarks and bulk enrolment")
        {
            ImportModelsCommand.Create(),
            EvalCommand.Create(),
            TradeoffCommand.Create(),
            BenchCommand.Create(),
            EnrolFolderCommand.Create(),
            FrontCommand.Create(),
            StrangersCommand.Create(),
            LearnCommand.Create(),
            BurstCommand.Create(),
            ChallengeCommand.Create(),
        };
        var parsed = verbs.Parse(args);
        var exitCode = await parsed.InvokeAsync();
        // System.CommandLine exits 1 on a usage error; 2 keeps 1 free for a verb's own outcome (enrol-folder: a photo was refused)
        return parsed.Errors.Count == 0 ? exitCode : UsageError;
    }
}
