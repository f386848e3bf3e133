using System.Diagnostics.Metrics;

namespace FaceAttendance.Web.Observability;

/// <summary>
/// The app's own instruments, defined once: Prometheus and OTLP export them (<see cref="ObservabilitySetup"/>), and the
/// outcome names are those stored with every decision (<see cref="Attendance.ScanResults"/>), which the dashboard counts.
/// </summary>
public sealed class AttendanceMetrics
{
    public const string MeterName = "FaceAttendance";
    public const string ScanDurationName = "faceattendance.scan.duration";

    private readonly Meter _meter;
    private readonly Counter<long> _scans;
    private readonly Histogram<double> _scanDuration;
    private readonly Histogram<double> _stageDuration;
    private readonly Histogram<double> _similarity;
    private readonly Histogram<double> _liveness;
    private readonly Counter<long> _enrolments;

    public AttendanceMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _scans = _meter.CreateCounter<long>("faceattendance.scans", "{scan}",
            "Kiosk scans by outcome (checked-in, checked-out, already-recorded, unknown, refused) and, when refused, reason.");
        _scanDuration = _meter.CreateHistogram(ScanDurationName, "s",
            "Time from a scan's request to its answer, on the server.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 1, 2.5, 5] });
        _stageDuration = _meter.CreateHistogram("faceattendance.scan.stage.duration", "s",
            "Time of one stage of a scan: decode, detect, embed, liveness, search.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1] });
        _similarity = _meter.CreateHistogram("faceattendance.scan.similarity", "1",
            "Similarity of a scanned face to the closest enrolled person (0-1), recognised or not.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.2, 0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7, 0.8, 0.9] });
        _liveness = _meter.CreateHistogram("faceattendance.scan.liveness", "1",
            "Liveness score of a scanned face (0-1; below 0.51 is judged not live).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.3, 0.5, 0.51, 0.7, 0.9, 0.99] });
        _enrolments = _meter.CreateCounter<long>("faceattendance.enrolments", "{photo}",
            "Enrolment photos by outcome (accepted, or the reason they were refused).");
    }

    /// <summary>One answered scan. <paramref name="reason"/> is the refusal code (no-face, poor-quality, ...) when
    /// <paramref name="outcome"/> is <see cref="Attendance.ScanResults.Refused"/>.</summary>
    public void Scan(string outcome, string? reason, TimeSpan elapsed, float? similarity)
    {
        _scans.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("reason", reason ?? ""));
        _scanDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("reason", reason ?? ""));
        if (similarity is { } s)
        {
            _similarity.Record(s, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    /// <summary>Recorded where the engine scores it, since the answer does not carry it.</summary>
    public void Liveness(float score) => _liveness.Record(score);

    public void Stage(string stage, TimeSpan elapsed) =>
        _stageDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("stage", stage));

    public void Enrolment(string outcome) => _enrolments.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    /// <summary>The local engine's in-memory index (Rekognition's collection is not counted here).</summary>
    public void ObserveIndex(Func<int> faces, Func<int> people)
    {
        _meter.CreateObservableGauge("faceattendance.index.faces", faces, "{face}", "Enrolled faces in this instance's index.");
        _meter.CreateObservableGauge("faceattendance.index.people", people, "{person}", "People in this instance's index.");
    }
}
