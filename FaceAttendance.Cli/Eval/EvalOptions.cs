using System.CommandLine;

namespace FaceAttendance.Cli.Eval;

/// <summary>The folders eval and tradeoff both measure on.</summary>
internal static class EvalOptions
{
    public static Option<DirectoryInfo> Faces() => new Option<DirectoryInfo>("--faces")
    {
        Description = "The evaluation set: DIR/<identity>/<photo> plus DIR/pairs.csv (img1,img2,same)",
        Required = true,
    }.AcceptExistingOnly();

    public static Option<DirectoryInfo> Strangers(bool required) => new Option<DirectoryInfo>("--strangers")
    {
        Description = "People never enrolled, DIR/<identity>/<photo>: more open-set probes for the kiosk regime",
        Required = required,
    }.AcceptExistingOnly();
}
