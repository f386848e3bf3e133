namespace FaceAttendance.Vision;

/// <summary>Combined antispoof/liveness score, 0..1 (higher = more likely a live face), and whether it passes.</summary>
public sealed record LivenessResult(float Score, bool IsLive);
