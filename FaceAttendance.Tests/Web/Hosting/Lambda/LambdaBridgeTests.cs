using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.People;

namespace FaceAttendance.Tests.Web.Hosting.Lambda;

/// <summary>One published app process hosted as a Lambda function, shared by the tests of the bridge.</summary>
public sealed class LambdaAppFixture : IAsyncLifetime
{
    public LambdaApp App { get; private set; } = null!;

    // as nobody: every test then also shows that nothing is written to the package directory
    public async Task InitializeAsync() => App = await LambdaApp.StartAsync(asNobody: true);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>
/// The Lambda bridge on a real process, driven through a fake Runtime API with events of all three kinds as AWS
/// documents them: the app answers each as it answers over Kestrel, in the shape API Gateway expects back.
/// </summary>
public sealed partial class LambdaBridgeTests(LambdaAppFixture fixture) : IClassFixture<LambdaAppFixture>
{
    private LambdaApp App => fixture.App;

    /// <summary>What the function answered, read as API Gateway reads it.</summary>
    private sealed record Answer(int Status, Dictionary<string, string[]> Headers, string[] Cookies, byte[] Body, bool Base64)
    {
        public string Text => Encoding.UTF8.GetString(Body);
        public string? Header(string name) => Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
    }

    private async Task<Answer> InvokeAsync(JsonObject e)
    {
        var answer = await App.Runtime.InvokeAsync(e.ToJsonString());
        answer.IsError.Should().BeFalse(answer.Body);
        var json = JsonNode.Parse(answer.Body)!;
        var headers = json["multiValueHeaders"] is JsonObject multi
            ? multi.ToDictionary(h => h.Key, h => h.Value!.AsArray().Select(v => v!.GetValue<string>()).ToArray())
            : json["headers"]!.AsObject().ToDictionary(h => h.Key, h => new[] { h.Value!.GetValue<string>() });
        var base64 = json["isBase64Encoded"]!.GetValue<bool>();
        var body = json["body"]?.GetValue<string>() ?? "";
        return new Answer(json["statusCode"]!.GetValue<int>(), headers,
            [.. json["cookies"]?.AsArray().Select(c => c!.GetValue<string>()) ?? []],
            base64 ? Convert.FromBase64String(body) : Encoding.UTF8.GetBytes(body), base64);
    }

    [Fact]
    public async Task ARestApiEventIsServedWithItsStageAsPathBaseAndMultiValueHeadersBack()
    {
        var health = await InvokeAsync(LambdaEvents.RestApi("GET", "/healthz"));
        var admin = await InvokeAsync(LambdaEvents.RestApi("GET", "/admin", query: new Dictionary<string, string[]> { ["tab"] = ["a", "b"] }));

        health.Status.Should().Be(200, health.Text);
        health.Base64.Should().BeFalse("JSON is text");
        JsonDocument.Parse(health.Body).RootElement.GetProperty("status").GetString().Should().Be("Healthy");
        health.Header("Content-Length").Should().Be(health.Body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        // the login redirect keeps the stage, and the repeated query key survives the round trip
        admin.Status.Should().Be(302);
        admin.Header("Location").Should().StartWith("/prod/admin/login?ReturnUrl=")
            .And.Contain(Uri.EscapeDataString("/prod/admin?tab=a&tab=b"));
        admin.Headers.Should().ContainKey("X-Content-Type-Options", "the security headers, set as the response starts, are there");
    }

    [Fact]
    public async Task AnHttpApiEventCreatesAPersonEnrolsAMultipartPhotoAndReturnsTheBinaryPhotoBase64Encoded()
    {
        var key = new Dictionary<string, string> { ["X-Api-Key"] = LambdaApp.ApiKey, ["Content-Type"] = "application/json" };
        var created = await InvokeAsync(LambdaEvents.HttpApi("POST", "/api/people", key,
            body: Encoding.UTF8.GetBytes("""{"employeeId":"E100","name":"Al Sharpton","consent":true}""")));
        created.Status.Should().Be(201, created.Text);
        var person = JsonSerializer.Deserialize<PersonResponse>(created.Body, Json.Options)!;

        using var form = FaceAttendanceApp.ImageForm(Photos.AlSharpton(1), "image/jpeg");
        var multipart = await form.ReadAsByteArrayAsync();
        var enrolled = await InvokeAsync(LambdaEvents.HttpApi("POST", $"/api/people/{person.Id}/faces",
            new Dictionary<string, string> { ["X-Api-Key"] = LambdaApp.ApiKey, ["Content-Type"] = form.Headers.ContentType!.ToString() },
            body: multipart));
        enrolled.Status.Should().Be(201, enrolled.Text);
        var faceId = JsonDocument.Parse(enrolled.Body).RootElement.GetProperty("faceId").GetGuid();

        var photo = await InvokeAsync(LambdaEvents.HttpApi("GET", $"/api/people/{person.Id}/faces/{faceId}/photo",
            new Dictionary<string, string> { ["X-Api-Key"] = LambdaApp.ApiKey }, stage: "prod"));
        photo.Status.Should().Be(200);
        photo.Base64.Should().BeTrue("a JPEG is binary");
        photo.Body.Should().Equal(Photos.AlSharpton(1));
        photo.Header("Content-Type").Should().Be("image/jpeg");
    }

    [Fact]
    public async Task AFunctionUrlLogInSetsTheAdminCookieInTheCookiesArrayAndTheCookieLetsThePagesIn()
    {
        var page = await InvokeAsync(LambdaEvents.FunctionUrl("GET", "/admin/login"));
        page.Base64.Should().BeFalse();
        var token = AntiforgeryToken().Match(page.Text).Groups[1].Value;
        token.Should().NotBeEmpty(page.Text);
        var antiforgery = page.Cookies.Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal)).Split(';')[0];

        var form = $"Input.Password={Uri.EscapeDataString(LambdaApp.AdminPassword)}&__RequestVerificationToken={Uri.EscapeDataString(token)}";
        var login = await InvokeAsync(LambdaEvents.FunctionUrl("POST", "/admin/login",
            new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" }, body: Encoding.UTF8.GetBytes(form),
            cookies: [antiforgery]));
        login.Status.Should().Be(302, login.Text);
        login.Headers.Keys.Should().NotContain(k => k.Equals("Set-Cookie", StringComparison.OrdinalIgnoreCase), "payload 2.0 puts cookies in their array");
        var session = login.Cookies.Single(c => c.StartsWith("FaceAttendance.Admin=", StringComparison.Ordinal));
        session.Should().Contain("httponly").And.Contain("samesite=strict");

        var dashboard = await InvokeAsync(LambdaEvents.FunctionUrl("GET", "/admin", cookies: [session.Split(';')[0]]));
        var kiosk = await InvokeAsync(LambdaEvents.FunctionUrl("GET", "/"));

        dashboard.Status.Should().Be(200);
        dashboard.Text.Should().Contain("<h1>Dashboard</h1>");
        kiosk.Status.Should().Be(200);
        kiosk.Header("Content-Type").Should().StartWith("text/html");
    }

    [Fact]
    public async Task HeaderValuesWithCommasAreKeptWholeAndAForeignEventIsReportedAsAnInvocationErrorWithoutStopping()
    {
        var headers = new Dictionary<string, string> { ["X-Api-Key"] = LambdaApp.ApiKey, ["Accept"] = "text/csv, application/json;q=0.5" };
        var csv = await InvokeAsync(LambdaEvents.HttpApi("GET", "/api/attendance.csv", headers, query: "from=2026-01-01&to=2026-12-31"));
        var foreign = await App.Runtime.InvokeAsync("""{"source":"aws.events","detail-type":"Scheduled Event"}""");
        var after = await InvokeAsync(LambdaEvents.HttpApi("GET", "/healthz"));

        csv.Status.Should().Be(200, csv.Text);
        csv.Header("Content-Type").Should().StartWith("text/csv");
        foreign.IsError.Should().BeTrue();
        foreign.ErrorType.Should().Be("Runtime.UnhandledException");
        JsonDocument.Parse(foreign.Body).RootElement.GetProperty("errorMessage").GetString().Should().Contain("neither");
        foreign.Body.Should().NotContain(" at FaceAttendance", "no stack trace leaves the function");
        after.Status.Should().Be(200);
    }

    [Fact]
    public async Task TheKioskFlowRunsThroughAnApiGatewayAsPlainHttp()
    {
        using var admin = App.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/people", new { employeeId = "E200", name = "Alan Greenspan", consent = true });
        var person = (await created.Content.ReadFromJsonAsync<PersonResponse>(Json.Options))!;
        foreach (var n in new[] { 2, 3 })
        {
            (await admin.PostAsync($"/api/people/{person.Id}/faces", FaceAttendanceApp.ImageForm(Photos.AlanGreenspan(n), "image/jpeg")))
                .StatusCode.Should().Be(HttpStatusCode.Created);
        }
        using var kiosk = await App.CreateKioskClientAsync();

        var upload = await FaceAttendanceApp.PresignAsync(kiosk);
        var put = await FaceAttendanceApp.UploadAsync(kiosk, upload, Photos.OnKioskCanvas(Photos.AlanGreenspan(5)));
        var scan = await kiosk.PostAsJsonAsync("/attendance", new { key = upload.Key });
        var oversize = await kiosk.PostAsync("/attendance", FaceAttendanceApp.ImageForm(new byte[4 * 1024 * 1024 + 1], "image/jpeg"));

        upload.UploadUrl.Should().StartWith(App.BaseAddress + "uploads/", "the upload URL names the gateway the kiosk came through");
        put.StatusCode.Should().Be(HttpStatusCode.OK);
        scan.StatusCode.Should().Be(HttpStatusCode.OK, await scan.Content.ReadAsStringAsync());
        var result = (await scan.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!;
        result.Status.Should().Be(AttendanceStatus.CheckedIn);
        result.Person!.Name.Should().Be("Alan Greenspan");
        await oversize.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "image-too-large");

        // stdout, which CloudWatch Logs keeps: JSON log lines with the invocation's request id, and an EMF line per scan
        var lines = await LinesAsync(line => line.Contains("\"_aws\"") && line.Contains("checked-in"));
        var scanLog = lines.Select(line => JsonDocument.Parse(line).RootElement)
            .Single(record => record.TryGetProperty("Message", out var message) && message.GetString()!.StartsWith("Scan checked-in", StringComparison.Ordinal));
        scanLog.GetProperty("Scopes").EnumerateArray().Any(scope => scope.TryGetProperty("AwsRequestId", out _)).Should().BeTrue(scanLog.ToString());
        var emf = JsonDocument.Parse(lines.Single(line => line.Contains("\"_aws\"") && line.Contains("checked-in"))).RootElement;
        emf.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0].GetProperty("Namespace").GetString().Should().Be("FaceAttendance");
        emf.GetProperty("Scans").GetInt32().Should().Be(1);
        emf.GetProperty("Recognitions").GetInt32().Should().Be(1);
        emf.GetProperty("ScanLatency").GetDouble().Should().BePositive();
    }

    /// <summary>The process's JSON output lines, once one matches (the console logger writes from a queue).</summary>
    private async Task<List<string>> LinesAsync(Func<string, bool> awaited)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var lines = App.Process.Output.Split('\n', StringSplitOptions.TrimEntries).Where(line => line.StartsWith('{')).ToList();
            if (lines.Any(awaited) || waited.Elapsed > TimeSpan.FromSeconds(10))
            {
                lines.Should().Contain(line => awaited(line), App.Process.Output);
                return lines;
            }
            await Task.Delay(100);
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
