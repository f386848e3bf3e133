namespace FaceAttendance.Cli.Bench;

/// <summary>Milliseconds one photo spent in each stage; stages after detection are 0 when no face was found.</summary>
internal sealed record PhotoTiming(bool FaceFound, double DecodeMs, double DetectMs, double EmbedMs, double LivenessMs, double SearchMs)
{
    public double PipelineMs => DecodeMs + DetectMs + EmbedMs + LivenessMs + SearchMs;
}
