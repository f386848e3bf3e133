using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Web.Aws.Rekognition;

namespace FaceAttendance.Tests.Aws;

/// <summary>
/// The kiosk flow in AWS configuration: snapshots in S3 (s3rver), faces searched by a Rekognition-compatible service (a
/// second app instance serving the endpoint, reading the same bucket), images passed to it as S3Object references.
/// </summary>
public sealed class AwsModeTests(S3Server s3) : IClassFixture<S3Server>
{
    private const string Collection = "kiosk";

    private Dictionary<string, string> S3Settings() => new()
    {
        ["FaceAttendance:Storage:Provider"] = "S3",
        ["FaceAttendance:Storage:S3:Bucket"] = S3Server.Bucket,
        ["FaceAttendance:Storage:S3:Prefix"] = "attendance/",
        ["FaceAttendance:Storage:S3:ServiceUrl"] = s3.ServiceUrl.ToString(),
        ["FaceAttendance:Storage:S3:ForcePathStyle"] = "true",
        ["FaceAttendance:Storage:S3:Region"] = "us-east-1",
        ["FaceAttendance:Storage:S3:AccessKeyId"] = S3Server.AccessKeyId,
        ["FaceAttendance:Storage:S3:SecretAccessKey"] = S3Server.SecretAccessKey,
    };

    [Fact]
    public async Task PresignPutToS3ThenAttendanceRecognisesTheEnrolledPersonThroughRekognition()
    {
        await using var rekognition = new RekognitionServer(S3Settings());
        var appSettings = S3Settings();
        appSettings["FaceAttendance:Engine:Provider"] = "Rekognition";
        appSettings["FaceAttendance:Engine:Rekognition:ServiceUrl"] = rekognition.Endpoint.ToString();
        appSettings["FaceAttendance:Engine:Rekognition:Region"] = RekognitionServer.Region;
        appSettings["FaceAttendance:Engine:Rekognition:CollectionId"] = Collection;
        appSettings["FaceAttendance:Engine:Rekognition:FaceMatchThreshold"] = "80";
        appSettings["FaceAttendance:Engine:Rekognition:AccessKeyId"] = RekognitionServer.AccessKeyId;
        appSettings["FaceAttendance:Engine:Rekognition:SecretAccessKey"] = RekognitionServer.SecretAccessKey;
        await using var app = new RekognitionServer(appSettings);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var personId = await EnrolAsync(http, "E-100", "Sergey Lavrov", DevPhotos.Read(DevPhotos.Enrolled, 3));
        var known = await CheckAtKioskAsync(http, DevPhotos.Read(DevPhotos.Enrolled, 4));
        var unknown = await CheckAtKioskAsync(http, DevPhotos.Read(DevPhotos.Other, 1));

        known.GetProperty("status").GetString().Should().Be("checked-in");
        known.GetProperty("person").GetProperty("name").GetString().Should().Be("Sergey Lavrov");
        unknown.GetProperty("status").GetString().Should().Be("unknown");
        using var client = rekognition.CreateClient();
        var faces = await client.ListFacesAsync(new ListFacesRequest(Collection));
        faces.Faces.Should().ContainSingle().Which.ExternalImageId.Should().StartWith($"{personId:N}:");
    }

    private static async Task<Guid> EnrolAsync(HttpClient http, string employeeId, string name, byte[] photo)
    {
        using var person = await SendAsAdminAsync(http, HttpMethod.Post, "/api/people", JsonContent.Create(new { employeeId, name }));
        person.StatusCode.Should().Be(HttpStatusCode.Created, await person.Content.ReadAsStringAsync());
        var id = (await person.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var file = new ByteArrayContent(photo);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var face = await SendAsAdminAsync(http, HttpMethod.Post, $"/api/people/{id}/faces", new MultipartFormDataContent { { file, "image", "photo.jpg" } });
        face.StatusCode.Should().Be(HttpStatusCode.Created, await face.Content.ReadAsStringAsync());
        return id;
    }

    /// <summary>The kiosk's way, with the upload going straight to the S3 server as a browser's would.</summary>
    private static async Task<JsonElement> CheckAtKioskAsync(HttpClient http, byte[] snapshot)
    {
        var presign = await (await http.PostAsJsonAsync("/presign", new { contentType = "image/jpeg" })).Content.ReadFromJsonAsync<JsonElement>();
        var uploadUrl = presign.GetProperty("uploadUrl").GetString()!;
        uploadUrl.Should().StartWith("http://127.0.0.1:").And.Contain("X-Amz-Signature=");
        var body = new ByteArrayContent(snapshot);
        body.Headers.ContentType = new MediaTypeHeaderValue(presign.GetProperty("headers").GetProperty("Content-Type").GetString()!);
        using (var put = await new HttpClient().PutAsync(new Uri(http.BaseAddress!, uploadUrl), body))
        {
            put.StatusCode.Should().Be(HttpStatusCode.OK);
        }
        var attendance = await http.PostAsJsonAsync("/attendance", new { key = presign.GetProperty("key").GetString() });
        attendance.StatusCode.Should().Be(HttpStatusCode.OK, await attendance.Content.ReadAsStringAsync());
        return await attendance.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static Task<HttpResponseMessage> SendAsAdminAsync(HttpClient http, HttpMethod method, string path, HttpContent content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-Api-Key", RekognitionServer.ApiKey);
        return http.SendAsync(request);
    }
}
