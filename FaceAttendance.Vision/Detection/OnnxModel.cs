using Microsoft.ML.OnnxRuntime;

namespace FaceAttendance.Vision.Detection;

/// <summary>One InferenceSession for the process lifetime; Run is safe to call from many threads at once.</summary>
internal sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public OnnxModel(string path, int intraOpThreads)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Face model not found at {path}; run `import-models` or check ModelsDirectory.", path);
        }
        using var options = new SessionOptions
        {
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        _session = new InferenceSession(path, options);
        _inputNames = [.. _session.InputNames];
        _outputNames = [.. _session.OutputNames];
    }

    public IReadOnlyList<string> OutputNames => _outputNames;

    /// <summary>Runs the model on an NHWC float tensor that lives in <paramref name="input"/> (not copied).</summary>
    public IDisposableReadOnlyCollection<OrtValue> Run(Memory<float> input, long[] shape)
    {
        using var tensor = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input, shape);
        return _session.Run(_runOptions, _inputNames, [tensor], _outputNames);
    }

    public void Dispose()
    {
        _session.Dispose();
        _runOptions.Dispose();
    }
}
