using Amazon.Runtime;
using FaceAttendance.Web.Aws.Rekognition;

namespace FaceAttendance.Tests.Aws;

/// <summary>Where the Rekognition-compatible endpoint must answer exactly as Amazon's does (rekognition-service-2.json).</summary>
public sealed class RekognitionConformanceTests : IAsyncLifetime
{
    // accepts any signing region, like Amazon's endpoint in the region it serves; ARNs name a configured account
    private readonly RekognitionServer _server = new(new Dictionary<string, string>
    {
        ["FaceAttendance:RekognitionEndpoint:Region"] = "",
        ["FaceAttendance:RekognitionEndpoint:AccountId"] = "123456789012",
    });

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

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _server.DisposeAsync().AsTask();
}
