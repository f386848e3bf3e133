using Amazon.Runtime;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Aws.Rekognition;

namespace FaceAttendance.Tests.Aws;

/// <summary>
/// Where the Rekognition-compatible endpoint must answer exactly as Amazon's does: each difference found by driving it
/// with the AWS CLI, and every answer of every test here (this project's client, then Debian's AWS CLI, a botocore
/// client independent of the JS SDK of <see cref="JsSdkTests"/>) checked against rekognition-service-2.json.
/// </summary>
public sealed class RekognitionConformanceTests(ConformanceServerFixture fixture) : IClassFixture<ConformanceServerFixture>
{
    private readonly RekognitionServer _server = fixture.Server;

    [Fact]
    public async Task ACollectionArnNamesTheSigningRegionAndTheConfiguredAccount()
    {
        using var client = _server.CreateClient(region: "ap-south-1");

        var created = await client.CreateCollectionAsync(new CreateCollectionRequest("arn-check"));
        var described = await client.DescribeCollectionAsync(new DescribeCollectionRequest("arn-check"));

        created.CollectionArn.Should().Be("arn:aws:rekognition:ap-south-1:123456789012:collection/arn-check");
        described.CollectionARN.Should().Be(created.CollectionArn);
    }

    [Fact]
    public async Task TheFaceModelVersionIsNumericAndTheSameInEveryResponse()
    {
        using var client = _server.CreateClient();

        var created = await client.CreateCollectionAsync(new CreateCollectionRequest("model-version"));
        var described = await client.DescribeCollectionAsync(new DescribeCollectionRequest("model-version"));
        var listed = await client.ListFacesAsync(new ListFacesRequest("model-version"));

        created.FaceModelVersion.Should().MatchRegex("^[0-9.]+$");
        described.FaceModelVersion.Should().Be(created.FaceModelVersion);
        listed.FaceModelVersion.Should().Be(created.FaceModelVersion);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public async Task ListingCollectionsPageByPageAlwaysEnds(int maxResults)
    {
        using var client = _server.CreateClient();
        foreach (var id in new[] { $"paged-{maxResults}-a", $"paged-{maxResults}-b", $"paged-{maxResults}-c" })
        {
            await client.CreateCollectionAsync(new CreateCollectionRequest(id));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await client.ListCollectionsAsync(new ListCollectionsRequest(token, maxResults));
            seen.AddRange(page.CollectionIds);
            token = page.NextToken;
            pages++;
        }
        while (token is not null && pages < 100);

        token.Should().BeNull("a paginator following NextToken must reach the end");
        seen.Should().OnlyHaveUniqueItems().And.Contain(id => id.StartsWith($"paged-{maxResults}-"));
        seen.Count(id => id.StartsWith($"paged-{maxResults}-")).Should().Be(3);
    }

    [Fact]
    public async Task DeletingOnlyUnknownFacesLeavesDeletedFacesOutAsTheModelRequiresAtLeastOne()
    {
        using var client = _server.CreateClient();
        await client.CreateCollectionAsync(new CreateCollectionRequest("delete-unknown"));
        var unknown = Guid.NewGuid().ToString("D");

        var response = await client.DeleteFacesAsync(new DeleteFacesRequest("delete-unknown", [unknown]));

        response.DeletedFaces.Should().BeNull();
        response.UnsuccessfulFaceDeletions.Should().ContainSingle().Which.FaceId.Should().Be(unknown);
    }

    [Theory]
    [InlineData("bad/id", "collectionId", "satisfy regular expression pattern: [a-zA-Z0-9_.\\-]+")]
    [InlineData("", "collectionId", "have length")]
    public async Task AConstraintViolationIsAValidationExceptionWithAwsMessageShape(string collectionId, string member, string constraint)
    {
        using var client = _server.CreateClient();

        var refused = await FluentActions.Awaiting(() => client.DescribeCollectionAsync(new DescribeCollectionRequest(collectionId)))
            .Should().ThrowAsync<RekognitionException>();

        refused.Which.ErrorCode.Should().Be("ValidationException");
        refused.Which.ServiceMessage.Should().StartWith($"1 validation error detected: Value '{collectionId}' at '{member}' failed to satisfy constraint: Member must {constraint}");
    }

    [Fact]
    public async Task AFaceIdThatIsNotAUuidIsAValidationException()
    {
        using var client = _server.CreateClient();
        await client.CreateCollectionAsync(new CreateCollectionRequest("bad-face-id"));

        var refused = await FluentActions.Awaiting(() => client.DeleteFacesAsync(new DeleteFacesRequest("bad-face-id", ["not-a-uuid"])))
            .Should().ThrowAsync<RekognitionException>();

        refused.Which.ErrorCode.Should().Be("ValidationException");
        refused.Which.ServiceMessage.Should().Contain("Value 'not-a-uuid' at 'faceIds'");
    }

    [Fact]
    public async Task ASessionTokenIsRefusedAsAwsRefusesAnInvalidOne()
    {
        using var client = _server.CreateClient(credentials: new SessionAWSCredentials(
            RekognitionServer.AccessKeyId, RekognitionServer.SecretAccessKey, "not-a-token-this-endpoint-issued"));

        var refused = await FluentActions.Awaiting(() => client.ListCollectionsAsync(new ListCollectionsRequest()))
            .Should().ThrowAsync<RekognitionException>();

        refused.Which.ErrorCode.Should().Be("UnrecognizedClientException");
        refused.Which.ServiceMessage.Should().Be("The security token included in the request is invalid.");
    }

    [Fact]
    public async Task EveryOperationAndErrorThroughThisProjectsClientMatchesTheServiceModel()
    {
        using var client = _server.CreateClient();
        const string collection = "conformance-client";
        await client.CreateCollectionAsync(new CreateCollectionRequest(collection));
        var first = await client.IndexFacesAsync(new IndexFacesRequest(collection, new Image(Photos.Read(DevPhotos.Enrolled, 1)), ExternalImageId: "person-1"));
        await client.IndexFacesAsync(new IndexFacesRequest(collection, new Image(Photos.Read(DevPhotos.Other, 3)), ExternalImageId: "person-2"));
        string? token = null;
        do
        {
            token = (await client.ListFacesAsync(new ListFacesRequest(collection, token, MaxResults: 1))).NextToken;
        }
        while (token is not null);
        await client.SearchFacesByImageAsync(new SearchFacesByImageRequest(collection, new Image(Photos.Read(DevPhotos.Enrolled, 3))));
        await client.SearchFacesAsync(new SearchFacesRequest(collection, first.FaceRecords[0].Face.FaceId));
        await client.DetectFacesAsync(new DetectFacesRequest(new Image(Photos.Read(DevPhotos.Other, 3))));
        await client.DescribeCollectionAsync(new DescribeCollectionRequest(collection));
        await client.ListCollectionsAsync(new ListCollectionsRequest());
        await client.DeleteFacesAsync(new DeleteFacesRequest(collection, [first.FaceRecords[0].Face.FaceId, Guid.NewGuid().ToString("D")]));
        string[] errors =
        [
            await RekognitionClientTests.Code(() => client.CreateCollectionAsync(new CreateCollectionRequest(collection))),
            await RekognitionClientTests.Code(() => client.ListFacesAsync(new ListFacesRequest("no-such-collection"))),
            await RekognitionClientTests.Code(() => client.IndexFacesAsync(new IndexFacesRequest(collection, new Image("not an image"u8.ToArray())))),
            await RekognitionClientTests.Code(() => client.SearchFacesByImageAsync(new SearchFacesByImageRequest(collection, new Image(RekognitionClientTests.NoFaceJpeg())))),
            await RekognitionClientTests.Code(() => client.SearchFacesAsync(new SearchFacesRequest(collection, Guid.NewGuid().ToString("D")))),
            await RekognitionClientTests.Code(() => client.IndexFacesAsync(new IndexFacesRequest(collection, new Image(Photos.Read(DevPhotos.Other, 4)), ExternalImageId: "not allowed!"))),
        ];
        await client.DeleteCollectionAsync(new DeleteCollectionRequest(collection));

        errors.Should().Equal("ResourceAlreadyExistsException", "ResourceNotFoundException", "InvalidImageFormatException",
            "InvalidParameterException", "InvalidParameterException", "ValidationException");
        RekognitionServiceModel.Violations(_server.Exchanges).Should().BeEmpty();
    }

    [Fact]
    public async Task DebiansAwsCliDrivesEveryOperationAndErrorCaseAndEveryAnswerMatchesTheServiceModel()
    {
        var photos = Directory.CreateTempSubdirectory("fa-cli-").FullName;
        var (enrol, other, probe, notImage) = (Path.Combine(photos, "enrol.jpg"), Path.Combine(photos, "other.jpg"),
            Path.Combine(photos, "probe.jpg"), Path.Combine(photos, "not-an-image.jpg"));
        await File.WriteAllBytesAsync(enrol, Photos.Read(DevPhotos.Enrolled, 1));
        await File.WriteAllBytesAsync(other, Photos.Read(DevPhotos.Other, 3));
        await File.WriteAllBytesAsync(probe, Photos.Read(DevPhotos.Enrolled, 3));
        await File.WriteAllTextAsync(notImage, "not an image");
        const string collection = "conformance-cli";

        await AwsCli.RunAsync(_server, "create-collection", "--collection-id", collection);
        var indexed = await AwsCli.RunAsync(_server, "index-faces", "--collection-id", collection, "--image-bytes", $"fileb://{enrol}", "--external-image-id", "person-1");
        await AwsCli.RunAsync(_server, "index-faces", "--collection-id", collection, "--image-bytes", $"fileb://{other}", "--external-image-id", "person-2");
        // the CLI's paginator follows NextToken page by page: it must end, with both faces
        var listed = await AwsCli.RunAsync(_server, "list-faces", "--collection-id", collection, "--page-size", "1");
        var collections = await AwsCli.RunAsync(_server, "list-collections", "--page-size", "1");
        var faceId = indexed.GetProperty("FaceRecords")[0].GetProperty("Face").GetProperty("FaceId").GetString()!;
        var searched = await AwsCli.RunAsync(_server, "search-faces-by-image", "--collection-id", collection, "--image-bytes", $"fileb://{probe}");
        await AwsCli.RunAsync(_server, "search-faces", "--collection-id", collection, "--face-id", faceId);
        var detected = await AwsCli.RunAsync(_server, "detect-faces", "--image-bytes", $"fileb://{other}");
        await AwsCli.RunAsync(_server, "describe-collection", "--collection-id", collection);
        string[] errors =
        [
            await AwsCli.FailAsync(_server, "create-collection", "--collection-id", collection),
            await AwsCli.FailAsync(_server, "describe-collection", "--collection-id", "no-such-collection"),
            await AwsCli.FailAsync(_server, "create-collection", "--collection-id", "bad/id"),
            await AwsCli.FailAsync(_server, "index-faces", "--collection-id", collection, "--image-bytes", $"fileb://{notImage}"),
            await AwsCli.FailAsync(_server, "delete-faces", "--collection-id", collection, "--face-ids", "not-a-uuid"),
            await AwsCli.FailAsync(_server, "search-faces", "--collection-id", collection, "--face-id", Guid.NewGuid().ToString("D")),
            await AwsCli.FailWithSessionTokenAsync(_server, "a-token-this-endpoint-never-issued", "list-collections"),
        ];
        var deleted = await AwsCli.RunAsync(_server, "delete-faces", "--collection-id", collection, "--face-ids", faceId);
        var deletedAgain = await AwsCli.RunAsync(_server, "delete-faces", "--collection-id", collection, "--face-ids", faceId);
        await AwsCli.RunAsync(_server, "delete-collection", "--collection-id", collection);
        Directory.Delete(photos, recursive: true);

        listed.GetProperty("Faces").GetArrayLength().Should().Be(2);
        collections.GetProperty("CollectionIds").EnumerateArray().Select(id => id.GetString()).Should().Contain(collection);
        searched.GetProperty("FaceMatches")[0].GetProperty("Face").GetProperty("FaceId").GetString().Should().Be(faceId);
        detected.GetProperty("FaceDetails").GetArrayLength().Should().Be(1);
        deleted.GetProperty("DeletedFaces")[0].GetString().Should().Be(faceId);
        deletedAgain.TryGetProperty("DeletedFaces", out _).Should().BeFalse();
        // Debian's CLI (botocore of early 2023) predates UnsuccessfulFaceDeletions and drops it, so read the answer itself
        _server.Exchanges.Last(e => e.Operation == "DeleteFaces").Body.Should().Contain("FACE_NOT_FOUND");
        errors.Should().Equal("ResourceAlreadyExistsException", "ResourceNotFoundException", "ValidationException",
            "InvalidImageFormatException", "ValidationException", "InvalidParameterException", "UnrecognizedClientException");
        RekognitionServiceModel.Violations(_server.Exchanges).Should().BeEmpty();
    }
}

/// <summary>One endpoint for the conformance tests: any signing region (as Amazon's endpoint of a region answers), a
/// configured account id for ARNs.</summary>
public sealed class ConformanceServerFixture : IAsyncLifetime
{
    public RekognitionServer Server { get; } = new(new Dictionary<string, string>
    {
        ["FaceAttendance:RekognitionEndpoint:Region"] = "",
        ["FaceAttendance:RekognitionEndpoint:AccountId"] = "123456789012",
    });

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}
