using System.Net;
using System.Text;
using System.Text.Json;
using FaceAttendance.Tests.Web.Support;

namespace FaceAttendance.Tests.Web.Configuration;

/// <summary>Secrets from SSM Parameter Store, read at start by the real process from a stand-in SSM endpoint that
/// speaks the service's JSON protocol (GetParametersByPath, two pages).</summary>
public sealed class SsmParametersTests
{
    [Fact]
    public async Task EveryParameterUnderThePathBecomesASettingAndSecureStringsAreAskedForDecrypted()
    {
        using var ssm = new HttpListener();
        var port = AppProcess.FreePort();
        ssm.Prefixes.Add($"http://127.0.0.1:{port}/");
        ssm.Start();
        var requests = new List<JsonElement>();
        var serving = Task.Run(async () =>
        {
            while (ssm.IsListening)
            {
                HttpListenerContext context;
                try { context = await ssm.GetContextAsync(); } catch (HttpListenerException) { return; }
                using var reader = new StreamReader(context.Request.InputStream);
                var request = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement.Clone();
                lock (requests) { requests.Add(request); }
                var target = context.Request.Headers["X-Amz-Target"];
                var second = request.TryGetProperty("NextToken", out var token) && token.GetString() == "page-2";
                var body = target != "AmazonSSM.GetParametersByPath" ? """{"__type":"InvalidAction"}"""
                    : second ? """{"Parameters":[{"Name":"/faceattendance/test/FaceAttendance/Admin/Password","Type":"SecureString","Value":"password-from-ssm","Version":1}]}"""
                    : """{"Parameters":[{"Name":"/faceattendance/test/FaceAttendance/Admin/ApiKey","Type":"SecureString","Value":"api-key-from-ssm","Version":3}],"NextToken":"page-2"}""";
                context.Response.StatusCode = target == "AmazonSSM.GetParametersByPath" ? 200 : 400;
                context.Response.ContentType = "application/x-amz-json-1.1";
                await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body));
                context.Response.Close();
            }
        });
        var dataDir = Path.Combine(Path.GetTempPath(), $"fa-ssm-{Guid.NewGuid():N}");
        try
        {
            await using var app = await AppProcess.StartAsync(new Dictionary<string, string>
            {
                ["FaceAttendance:DataDir"] = dataDir,
                ["FaceAttendance:Secrets:SsmParameterPath"] = "/faceattendance/test/",
                ["FaceAttendance:Secrets:SsmServiceUrl"] = $"http://127.0.0.1:{port}",
                ["AWS_ACCESS_KEY_ID"] = "AKIDSSMTEST",
                ["AWS_SECRET_ACCESS_KEY"] = "ssm-test-secret",
                ["AWS_REGION"] = "eu-west-1",
            });
            using var withSsmKey = app.CreateClient();
            withSsmKey.DefaultRequestHeaders.Add("X-Api-Key", "api-key-from-ssm");

            (await withSsmKey.GetAsync("/api/people")).StatusCode.Should().Be(HttpStatusCode.OK, app.Output);
            app.Output.Should().NotContain("Generated admin credentials", "both came from SSM");
            lock (requests)
            {
                requests.Should().HaveCount(2);
                requests.Should().OnlyContain(r => r.GetProperty("Path").GetString() == "/faceattendance/test"
                    && r.GetProperty("Recursive").GetBoolean() && r.GetProperty("WithDecryption").GetBoolean());
            }
        }
        finally
        {
            ssm.Stop();
            await serving.ContinueWith(_ => { }, TaskScheduler.Default);
            if (Directory.Exists(dataDir))
            {
                Directory.Delete(dataDir, recursive: true);
            }
        }
    }
}
