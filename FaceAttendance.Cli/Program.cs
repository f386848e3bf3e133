using FaceAttendance.Cli.Bench;
using FaceAttendance.Cli.EnrolFolder;
using FaceAttendance.Cli.Eval;
using FaceAttendance.Cli.ModelImport;

namespace FaceAttendance.Cli;

/// <summary>
/// Verb dispatch: one line per verb, each command parses its own arguments and returns the exit code.
/// A named class (not top-level statements) so it does not clash with the web app's Program in tests.
/// </summary>
internal static class Program
{
    public static int Main(string[] args) => args.Length == 0 ? UnknownVerb() : args[0] switch
    {
        "import-models" => ImportModelsCommand.Run(args[1..]),
        "eval" => EvalCommand.Run(args[1..]),
        "tradeoff" => TradeoffCommand.Run(args[1..]),
        "bench" => BenchCommand.Run(args[1..]),
        "enrol-folder" => EnrolFolderCommand.Run(args[1..]),
        _ => UnknownVerb(),
    };

    private static int UnknownVerb()
    {
        Console.Error.WriteLine("usage: FaceAttendance.Cli <verb> [options]; verbs: import-models, eval, tradeoff, bench, enrol-folder");
        return 2;
    }
}
