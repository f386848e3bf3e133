using System.Text.Json;
using FaceAttendance.Tests.Web.Support;

namespace FaceAttendance.Tests.Aws;

/// <summary>The official AWS SDK for JavaScript v3 (@aws-sdk/client-rekognition) against the running app's endpoint; every
/// answer it got is checked against the service model.</summary>
public sealed class JsSdkTests(RekognitionServerFixture fixture) : IClassFixture<RekognitionServerFixture>
{
    [Fact]
    public async Task TheJavaScriptSdkCreatesIndexesSearchesListsAndDeletes()
    {
        await AwsTools.EnsureInstalledAsync();
        var server = fixture.Server;

        var (exitCode, output, errors) = await AwsTools.RunAsync("node", "round-trip.mjs",
            "--endpoint", server.Endpoint.ToString(), "--region", RekognitionServer.Region,
            "--access-key-id", RekognitionServer.AccessKeyId, "--secret-access-key", RekognitionServer.SecretAccessKey,
            "--collection", "js-sdk-round-trip",
            "--enrol", Photos.PathOf(DevPhotos.Enrolled, 1), "--other", Photos.PathOf(DevPhotos.Other, 3),
            "--probe", Photos.PathOf(DevPhotos.Enrolled, 3));

        exitCode.Should().Be(0, $"the JS SDK round trip must pass; its output:\n{output}\n{errors}");
        using var summary = JsonDocument.Parse(output.Trim().Split('\n')[^1]);
        summary.RootElement.GetProperty("bestMatch").GetProperty("externalImageId").GetString().Should().Be("person-1");
        summary.RootElement.GetProperty("bestMatch").GetProperty("similarity").GetDouble().Should().BeInRange(80, 100);
        summary.RootElement.GetProperty("deleted").GetInt32().Should().Be(2);
        summary.RootElement.GetProperty("afterDelete").GetString().Should().Be("ResourceNotFoundException");
        summary.RootElement.GetProperty("requestId").GetString().Should().NotBeNullOrEmpty();
        server.Exchanges.Select(e => e.Operation).Should().Contain(["CreateCollection", "IndexFaces", "SearchFacesByImage", "ListFaces", "DeleteFaces"]);
        RekognitionServiceModel.Violations(server.Exchanges).Should().BeEmpty("every answer the SDK got must match the service model");
    }
}
