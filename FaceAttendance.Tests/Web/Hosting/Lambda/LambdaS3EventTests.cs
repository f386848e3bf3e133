using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Tests.Aws;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.People;

namespace FaceAttendance.Tests.Web.Hosting.Lambda;

/// <summary>
/// The S3 path on a real process hosted as a Lambda function, against s3rver: the kiosk uploads straight to the
/// bucket, S3's ObjectCreated event records the check-in, the kiosk polls GET /attendance/{key}. A repeated event and
/// the kiosk's own POST for the same key get the first decision; one snapshot makes one event. With the local engine
/// and with the Rekognition-compatible endpoint.
/// </summary>
public sealed class LambdaS3EventTests(S3Server s3) : IClassFixture<S3Server>
{
    [Theory]
    [InlineData("local")]
    [InlineData("rekognition")]
    public async Task AnUploadedSnapshotIsDecidedOnceByItsS3EventWhateverArrivesAgain(string engine)
    {
        await using var rekognition = engine == "rekognition" ? new RekognitionServer(AwsMode.S3Settings(s3)) : null;
        var settings = rekognition is null ? AwsMode.S3Settings(s3) : AwsMode.KioskAppSettings(s3, rekognition, collection: $"lambda-{Guid.NewGuid():N}");
        settings["FaceAttendance:Kiosk:Decision"] = "S3Event";
        await using var app = await LambdaApp.StartAsync(settings);
        using var admin = app.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/people", new { employeeId = "E300", name = "Al Sharpton", consent = true });
        var person = (await created.Content.ReadFromJsonAsync<PersonResponse>(Json.Options))!;
        foreach (var n in new[] { 1, 2 })
        {
            var enrolled = await admin.PostAsync($"/api/people/{person.Id}/faces", FaceAttendanceApp.ImageForm(Photos.AlSharpton(n), "image/jpeg"));
            enrolled.StatusCode.Should().Be(HttpStatusCode.Created, await enrolled.Content.ReadAsStringAsync());
        }
        using var kiosk = await app.CreateKioskClientAsync();

        var page = await kiosk.GetStringAsync("/");
        var upload = await FaceAttendanceApp.PresignAsync(kiosk);
        (await FaceAttendanceApp.UploadAsync(kiosk, upload, Photos.OnKioskCanvas(Photos.AlSharpton(6)))).EnsureSuccessStatusCode();
        var pending = await kiosk.GetAsync($"/attendance/{upload.Key}");
        var first = await app.Runtime.InvokeAsync(LambdaEvents.ObjectCreated(S3Server.Bucket, "attendance/" + upload.Key).ToJsonString());
        var decided = await kiosk.GetAsync($"/attendance/{upload.Key}");
        var repeated = await app.Runtime.InvokeAsync(LambdaEvents.ObjectCreated(S3Server.Bucket, "attendance/" + upload.Key).ToJsonString());
        var posted = await kiosk.PostAsJsonAsync("/attendance", new { key = upload.Key });
        var foreign = await app.Runtime.InvokeAsync(LambdaEvents.ObjectCreated(S3Server.Bucket, "attendance/faces/a photo.jpg").ToJsonString());
        var events = await admin.GetFromJsonAsync<JsonElement>("/api/attendance");

        page.Should().Contain("data-decision=\"s3-event\"");
        upload.UploadUrl.Should().StartWith(s3.ServiceUrl.ToString(), "the kiosk uploads to the bucket, not through the function");
        pending.StatusCode.Should().Be(HttpStatusCode.Accepted);
        pending.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(1));
        (await pending.Content.ReadFromJsonAsync<PendingScan>(Json.Options))!.Status.Should().Be("pending");
        first.IsError.Should().BeFalse(first.Body);
        Results(first.Body).Should().Equal("checked-in");
        decided.StatusCode.Should().Be(HttpStatusCode.OK);
        var result = (await decided.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options))!;
        result.Status.Should().Be(AttendanceStatus.CheckedIn);
        result.Person!.Name.Should().Be("Al Sharpton");
        Results(repeated.Body).Should().Equal("checked-in");
        (await posted.Content.ReadFromJsonAsync<KioskAnswer>(Json.Options)).Should().Be(result, "the post finds the event's decision");
        Results(foreign.Body).Should().BeEmpty("only this app's snapshots are decided");
        events.GetProperty("items").GetArrayLength().Should().Be(1, "one snapshot, one event, whichever path came first or again");
    }

    [Fact]
    public async Task AStartThatFailsInLambdaIsReportedToTheInitErrorEndpoint()
    {
        await using var runtime = new FakeLambdaRuntime();
        await using var app = AppProcess.Launch(new Dictionary<string, string>
        {
            ["AWS_LAMBDA_RUNTIME_API"] = runtime.Address,
            ["FaceAttendance:DataDir"] = Path.Combine(Path.GetTempPath(), $"fa-lambda-init-{Guid.NewGuid():N}"),
            // the default 10 MB does not fit a 6 MB event once base64-encoded
            ["FaceAttendance:Uploads:MaxBytes"] = "10485760",
        });

        var report = await runtime.InitError.WaitAsync(TimeSpan.FromSeconds(60));

        JsonDocument.Parse(report).RootElement.GetProperty("errorMessage").GetString().Should().Contain("FaceAttendance:Uploads:MaxBytes");
        (await app.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().BeTrue();
        app.ExitCode.Should().Be(1);
    }

    [Fact]
    public async Task WithoutAnUploadLimitSetTheFunctionStartsWithOneThatFitsAnEvent()
    {
        await using var app = await LambdaApp.StartAsync(); // no FaceAttendance:Uploads:MaxBytes

        using var client = app.CreateClient();
        (await client.GetAsync("/healthz")).IsSuccessStatusCode.Should().BeTrue();
        app.Process.Output.Should().NotContain("MaxBytes");
    }

    private static string[] Results(string answer) =>
        [.. JsonDocument.Parse(answer).RootElement.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("result").GetString()!)];
}
