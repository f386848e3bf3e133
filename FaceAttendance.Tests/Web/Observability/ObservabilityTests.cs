using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.People;

namespace FaceAttendance.Tests.Web.Observability;

/// <summary>What an operator watches, on a real process (each has its own meters): /metrics after kiosk scans, the
/// default console (one line per scan, none per request), JSON logs with trace ids, and the dashboard's figures.</summary>
public sealed partial class ObservabilityTests : IDisposable
{
    private const string ApiKey = "observability-tests-key";
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), $"fa-observability-{Guid.NewGuid():N}");

    private Dictionary<string, string> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string>
        {
            ["FaceAttendance:DataDir"] = _dataDir,
            ["FaceAttendance:Admin:ApiKey"] = ApiKey,
            ["FaceAttendance:Admin:Password"] = "observability-tests-password",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return settings;
    }

    [Fact]
    public async Task MetricsShowEveryInstrumentAfterKioskScansAndTheConsoleHasOneLinePerScan()
    {
        await using var app = await AppProcess.StartAsync(Settings(("FaceAttendance:Metrics:Prometheus", "true")));
        using var admin = app.CreateAdminClient();
        await EnrolAsync(admin, "E100", "Al Sharpton", Photos.AlSharpton(1), Photos.AlSharpton(2));
        using var kiosk = await app.CreateKioskClientAsync();

        var scans = new List<HttpResponseMessage>
        {
            await ScanAsync(kiosk, Photos.OnKioskCanvas(Photos.AlSharpton(6))),
            await ScanAsync(kiosk, Photos.OnKioskCanvas(Photos.AlSharpton(7))),
            await ScanAsync(kiosk, Photos.NeverEnrolled),
            await ScanAsync(kiosk, Photos.NoFace),
            await kiosk.PostAsync("/attendance", FaceAttendanceApp.ImageForm("not an image"u8.ToArray(), "image/jpeg")),
        };
        (await kiosk.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "metrics are for admins");
        var metrics = await admin.GetStringAsync("/metrics");

        scans.Select(s => (int)s.StatusCode).Should().Equal(200, 200, 200, 422, 415);
        Value(metrics, "faceattendance_scans_total", "outcome=\"checked-in\"").Should().Be(1, metrics);
        Value(metrics, "faceattendance_scans_total", "outcome=\"already-recorded\"").Should().Be(1);
        Value(metrics, "faceattendance_scans_total", "outcome=\"unknown\"").Should().Be(1);
        Value(metrics, "faceattendance_scans_total", "reason=\"no-face\"").Should().Be(1);
        Value(metrics, "faceattendance_scans_total", "reason=\"unsupported-image-type\"").Should().Be(1);
        Value(metrics, "faceattendance_scan_duration_seconds_count", "outcome=\"checked-in\"").Should().Be(1);
        Value(metrics, "faceattendance_scan_similarity_count", "outcome=\"unknown\"").Should().Be(1);
        Value(metrics, "faceattendance_scan_liveness_count").Should().Be(3, "three scans had a usable face");
        // the no-face scan was decoded and searched for faces too; the undecodable one never reached a stage
        Value(metrics, "faceattendance_scan_stage_duration_seconds_count", "stage=\"decode\"").Should().Be(4);
        Value(metrics, "faceattendance_scan_stage_duration_seconds_count", "stage=\"detect\"").Should().Be(4);
        foreach (var stage in new[] { "embed", "liveness", "search" })
        {
            Value(metrics, "faceattendance_scan_stage_duration_seconds_count", $"stage=\"{stage}\"").Should().Be(3, stage);
        }
        Value(metrics, "faceattendance_enrolments_total", "outcome=\"accepted\"").Should().Be(2);
        Value(metrics, "faceattendance_index_faces").Should().Be(2);
        Value(metrics, "faceattendance_index_people").Should().Be(1);
        Value(metrics, "http_server_request_duration_seconds_count", "http_route=\"/attendance/\"").Should().BeGreaterThanOrEqualTo(5);
        metrics.Should().Contain("dotnet_gc_collections_total").And.Contain("kestrel_active_connections");

        var lines = app.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.Where(line => line.Contains("Scan ")).Should().HaveCount(5, app.Output)
            .And.Contain(line => line.Contains("Scan checked-in: E100")).And.Contain(line => line.Contains("Scan refused: no-face"));
        lines.Should().NotContain(line => line.Contains("Microsoft.AspNetCore"), "requests are logged only at Debug");
        lines.Should().OnlyContain(line => !line.StartsWith(' ') || line.StartsWith("  "), "one line per log message");
    }

    [Fact]
    public async Task MetricsAreOffByDefaultAndJsonLogsCarryTheTraceIdOfEachScan()
    {
        await using var app = await AppProcess.StartAsync(Settings(("Logging:Console:FormatterName", "json")));
        using var kiosk = await app.CreateKioskClientAsync();
        using var admin = app.CreateAdminClient();
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var scan = new HttpRequestMessage(HttpMethod.Post, "/attendance") { Content = FaceAttendanceApp.ImageForm(Photos.NoFace, "image/jpeg") };
        scan.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        (await admin.GetAsync("/metrics")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await kiosk.SendAsync(scan)).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);

        var scanRecord = await WaitForLineAsync(app, "Scan refused");
        using var record = JsonDocument.Parse(scanRecord);
        record.RootElement.GetProperty("Timestamp").GetString().Should().EndWith("Z");
        record.RootElement.GetProperty("Scopes").EnumerateArray()
            .Any(scope => scope.TryGetProperty("TraceId", out var id) && id.GetString() == traceId).Should().BeTrue(scanRecord);
    }

    [Fact]
    public async Task OtlpPushesTheSameInstrumentsToACollector()
    {
        // a stand-in collector: OTLP over http/protobuf is a POST of a protobuf body, whose names are plain UTF-8
        using var collector = new System.Net.HttpListener();
        var port = AppProcess.FreePort();
        collector.Prefixes.Add($"http://127.0.0.1:{port}/");
        collector.Start();
        var received = new List<string>();
        var receiving = Task.Run(async () =>
        {
            while (collector.IsListening)
            {
                var context = await collector.GetContextAsync();
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (received)
                {
                    received.Add($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath} {System.Text.Encoding.UTF8.GetString(body.ToArray())}");
                }
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        });
        await using var app = await AppProcess.StartAsync(Settings(
            ("FaceAttendance:Metrics:OtlpEndpoint", $"http://127.0.0.1:{port}/v1/metrics"),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_METRIC_EXPORT_INTERVAL", "500")));
        using var kiosk = await app.CreateKioskClientAsync();

        (await ScanAsync(kiosk, Photos.NeverEnrolled)).StatusCode.Should().Be(HttpStatusCode.OK);

        var waited = System.Diagnostics.Stopwatch.StartNew();
        bool Pushed() { lock (received) { return received.Any(r => r.Contains("faceattendance.scans") && r.Contains("unknown")); } }
        while (!Pushed() && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            await Task.Delay(100);
        }
        Pushed().Should().BeTrue("the scan's count reaches the collector: " + string.Join(", ", received.Select(r => r[..Math.Min(60, r.Length)])));
        lock (received)
        {
            received.Should().OnlyContain(r => r.StartsWith("POST /v1/metrics ", StringComparison.Ordinal));
            received.Should().Contain(r => r.Contains("http.server.request.duration"));
        }
        collector.Stop();
        await receiving.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    [Fact]
    public async Task TheDashboardShowsTodaysRecognitionRateAndUnknownFacesFromTheStoredDecisions()
    {
        await using var app = new FaceAttendanceApp();
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1), Photos.AlSharpton(2));
        (await app.CheckAtKioskExpectingResultAsync(Photos.OnKioskCanvas(Photos.AlSharpton(6)))).Status.Should().Be(AttendanceStatus.CheckedIn);
        (await app.CheckAtKioskExpectingResultAsync(Photos.NeverEnrolled)).Status.Should().Be(AttendanceStatus.Unknown);
        (await app.CheckAtKioskExpectingResultAsync(Photos.NeverEnrolled)).Status.Should().Be(AttendanceStatus.Unknown);
        (await app.CheckAtKioskAsync(Photos.NoFace)).StatusCode.Should().Be(HttpStatusCode.UnprocessableEntity);
        using var admin = app.CreateAdminClient();

        var dashboard = await admin.GetStringAsync("/admin");

        // refusals are not faces the engine failed to recognise, so they stay out of the rate
        dashboard.Should().MatchRegex(@"stat-value"">33%</p>\s*<p class=""stat-label"" id=""recognition-label"">of faces recognised today \(1 of 3 scans\)");
        dashboard.Should().MatchRegex(@"stat-value"">2</p>\s*<p class=""stat-label"" id=""unknown-label"">unknown faces today");
    }

    private static async Task EnrolAsync(HttpClient admin, string employeeId, string name, params byte[][] photos)
    {
        var created = await admin.PostAsJsonAsync("/api/people", new { employeeId, name, consent = true });
        created.EnsureSuccessStatusCode();
        var person = (await created.Content.ReadFromJsonAsync<PersonResponse>(Json.Options))!;
        foreach (var photo in photos)
        {
            var enrolled = await admin.PostAsync($"/api/people/{person.Id}/faces", FaceAttendanceApp.ImageForm(photo, "image/jpeg"));
            enrolled.StatusCode.Should().Be(HttpStatusCode.Created, await enrolled.Content.ReadAsStringAsync());
        }
    }

    private static async Task<HttpResponseMessage> ScanAsync(HttpClient kiosk, byte[] snapshot)
    {
        var upload = await FaceAttendanceApp.PresignAsync(kiosk);
        (await FaceAttendanceApp.UploadAsync(kiosk, upload, snapshot)).EnsureSuccessStatusCode();
        return await kiosk.PostAsJsonAsync("/attendance", new { key = upload.Key });
    }

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels contain <paramref name="label"/>.</summary>
    private static double Value(string exposition, string name, string label = "") =>
        exposition.Split('\n')
            .Select(line => Sample().Match(line))
            .Where(sample => sample.Success && sample.Groups["name"].Value == name && sample.Groups["labels"].Value.Contains(label))
            .Sum(sample => double.Parse(sample.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-z_]+)(\{(?<labels>[^}]*)\})? (?<value>[0-9.eE+-]+)")]
    private static partial Regex Sample();

    private static async Task<string> WaitForLineAsync(AppProcess app, string text)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew(); // the console logger writes from a queue
        while (waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (app.Output.Split('\n').FirstOrDefault(line => line.Contains(text)) is { } line)
            {
                return line;
            }
            await Task.Delay(50);
        }
        throw new Xunit.Sdk.XunitException($"No line with '{text}' in:\n{app.Output}");
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }
}
