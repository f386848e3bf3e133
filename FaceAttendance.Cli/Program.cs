using FaceAttendance.Cli.ModelImport;

// One line per verb: each command parses its own arguments and returns the process exit code.
return args.Length == 0 ? UnknownVerb() : args[0] switch
{
    "import-models" => ImportModelsCommand.Run(args[1..]),
    _ => UnknownVerb(),
};

static int UnknownVerb()
{
    Console.Error.WriteLine("usage: FaceAttendance.Cli <verb> [options]; verbs: import-models");
    return 2;
}
