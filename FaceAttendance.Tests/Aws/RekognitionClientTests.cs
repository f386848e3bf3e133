using System.Net;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Aws.Rekognition;
using FaceAttendance.Web.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Aws;

/// <summary>Our Rekognition client against the app's Rekognition-compatible endpoint on a real port, with real photos.</summary>
public sealed class RekognitionClientTests(RekognitionServerFixture fixture) : IClassFixture<RekognitionServerFixture>
{
    private RekognitionServer Server => fixture.Server;

    [Fact]
    public async Task CreateIndexSearchListAndDeleteWorkEndToEnd()
    {
        using var client = Server.CreateClient();
        const string collection = "client-round-trip";

        var created = await client.CreateCollectionAsync(new CreateCollectionRequest(collection));
        created.StatusCode.Should().Be(200);
        created.CollectionArn.Should().EndWith($":collection/{collection}");

        var enrolled = await client.IndexFacesAsync(new IndexFacesRequest(collection,
            new Image(Photos.Read(DevPhotos.Enrolled, 1)), ExternalImageId: "person-1", MaxFaces: 1, QualityFilter: QualityFilter.None));
        var other = await client.IndexFacesAsync(new IndexFacesRequest(collection,
            new Image(Photos.Read(DevPhotos.Other, 3)), ExternalImageId: "person-2", MaxFaces: 1, QualityFilter: QualityFilter.None));
        enrolled.FaceRecords.Should().ContainSingle().Which.Face.ExternalImageId.Should().Be("person-1");
        other.FaceRecords.Should().ContainSingle();
        enrolled.FaceRecords[0].FaceDetail.BoundingBox.Width.Should().BeInRange(0.1f, 1f);

        var search = await client.SearchFacesByImageAsync(new SearchFacesByImageRequest(collection, new Image(Photos.Read(DevPhotos.Enrolled, 3))));
        search.FaceMatches.Should().ContainSingle().Which.Face.ExternalImageId.Should().Be("person-1");
        search.FaceMatches[0].Similarity.Should().BeInRange(80f, 100f);
        search.SearchedFaceConfidence.Should().BeGreaterThan(50);

        var byFace = await client.SearchFacesAsync(new SearchFacesRequest(collection, enrolled.FaceRecords[0].Face.FaceId, FaceMatchThreshold: 0));
        byFace.FaceMatches.Select(m => m.Face.ExternalImageId).Should().Equal("person-2"); // never the searched face itself
        byFace.FaceMatches[0].Similarity.Should().BeLessThan(80);
        (await client.ListCollectionsAsync(new ListCollectionsRequest())).CollectionIds.Should().Contain(collection);

        var listed = await client.ListFacesAsync(new ListFacesRequest(collection, MaxResults: 1));
        listed.Faces.Should().ContainSingle();
        var rest = await client.ListFacesAsync(new ListFacesRequest(collection, NextToken: listed.NextToken));
        rest.Faces.Select(f => f.ExternalImageId).Should().Equal("person-2");
        rest.NextToken.Should().BeNull();

        (await client.DescribeCollectionAsync(new DescribeCollectionRequest(collection))).FaceCount.Should().Be(2);
        var deleted = await client.DeleteFacesAsync(new DeleteFacesRequest(collection, [enrolled.FaceRecords[0].Face.FaceId, Guid.NewGuid().ToString()]));
        deleted.DeletedFaces.Should().Equal(enrolled.FaceRecords[0].Face.FaceId);
        deleted.UnsuccessfulFaceDeletions.Should().ContainSingle().Which.Reasons.Should().Equal("FACE_NOT_FOUND");

        var afterDelete = await client.SearchFacesByImageAsync(new SearchFacesByImageRequest(collection, new Image(Photos.Read(DevPhotos.Enrolled, 3))));
        afterDelete.FaceMatches.Should().BeEmpty();

        (await client.DeleteCollectionAsync(new DeleteCollectionRequest(collection))).StatusCode.Should().Be(200);
        var gone = await FluentActions.Awaiting(() => client.DescribeCollectionAsync(new DescribeCollectionRequest(collection)))
            .Should().ThrowAsync<RekognitionException>();
        gone.Which.ErrorCode.Should().Be("ResourceNotFoundException");
    }

    [Fact]
    public async Task ImagesCanBeS3ObjectsOfTheAppsObjectStore()
    {
        using var client = Server.CreateClient();
        const string collection = "s3-object-images";
        var store = Server.Services.GetRequiredService<IObjectStore>();
        var key = $"snapshots/test/{Guid.NewGuid()}.jpg";
        (await store.TryPutAsync(key, Photos.Read(DevPhotos.Enrolled, 4), CancellationToken.None)).Should().BeTrue();
        await client.CreateCollectionAsync(new CreateCollectionRequest(collection));
        await client.IndexFacesAsync(new IndexFacesRequest(collection, new Image(Photos.Read(DevPhotos.Enrolled, 1)),
            ExternalImageId: "person-1", QualityFilter: QualityFilter.None));

        var search = await client.SearchFacesByImageAsync(new SearchFacesByImageRequest(collection,
            new Image(S3Object: new S3Object(RekognitionServer.Bucket, key))));
        search.FaceMatches.Should().ContainSingle().Which.Face.ExternalImageId.Should().Be("person-1");

        var missing = await FluentActions.Awaiting(() => client.DetectFacesAsync(new DetectFacesRequest(
            new Image(S3Object: new S3Object(RekognitionServer.Bucket, "snapshots/none.jpg"))))).Should().ThrowAsync<RekognitionException>();
        missing.Which.ErrorCode.Should().Be("InvalidS3ObjectException");
    }

    [Fact]
    public async Task IndexFacesLeavesOutFacesTheQualityFilterRefusesAndSaysWhy()
    {
        using var client = Server.CreateClient();
        await client.CreateCollectionAsync(new CreateCollectionRequest("quality-filter"));

        var indexed = await client.IndexFacesAsync(new IndexFacesRequest("quality-filter", new Image(Shrunk(Photos.Read(DevPhotos.Other, 3), 96))));

        indexed.FaceRecords.Should().BeEmpty();
        indexed.UnindexedFaces.Should().ContainSingle().Which.Reasons.Should().Contain("SMALL_BOUNDING_BOX");
        (await client.DescribeCollectionAsync(new DescribeCollectionRequest("quality-filter"))).FaceCount.Should().Be(0);
    }

    [Fact]
    public async Task DetectFacesDescribesEveryFaceWithLandmarksPoseAndQuality()
    {
        using var client = Server.CreateClient();

        var detected = await client.DetectFacesAsync(new DetectFacesRequest(new Image(Photos.Read(DevPhotos.Other, 3))));

        var face = detected.FaceDetails.Should().ContainSingle().Subject;
        face.Landmarks!.Select(l => l.Type).Should().Equal("eyeLeft", "eyeRight", "nose", "mouthLeft", "mouthRight");
        face.Landmarks.Should().OnlyContain(l => l.X > 0 && l.X < 1 && l.Y > 0 && l.Y < 1);
        // Amazon's sides are the viewer's: on this frontal face eyeLeft and mouthLeft are nearer the image's left edge
        var x = face.Landmarks.ToDictionary(l => l.Type, l => l.X);
        x["eyeLeft"].Should().BeLessThan(x["eyeRight"]);
        x["mouthLeft"].Should().BeLessThan(x["mouthRight"]);
        face.Pose!.Yaw.Should().BeInRange(-90, 90);
        face.Quality!.Brightness.Should().BeInRange(0, 100);
    }

    [Fact]
    public async Task ServiceErrorsArriveAsTypedExceptionsWithTheAwsCode()
    {
        using var client = Server.CreateClient();
        await client.CreateCollectionAsync(new CreateCollectionRequest("errors"));

        (await Code(() => client.CreateCollectionAsync(new CreateCollectionRequest("errors")))).Should().Be("ResourceAlreadyExistsException");
        (await Code(() => client.CreateCollectionAsync(new CreateCollectionRequest("bad/id")))).Should().Be("ValidationException");
        (await Code(() => client.ListFacesAsync(new ListFacesRequest("missing")))).Should().Be("ResourceNotFoundException");
        (await Code(() => client.IndexFacesAsync(new IndexFacesRequest("errors", new Image("not an image"u8.ToArray())))))
            .Should().Be("InvalidImageFormatException");
        (await Code(() => client.SearchFacesByImageAsync(new SearchFacesByImageRequest("errors", new Image(NoFaceJpeg())))))
            .Should().Be("InvalidParameterException");

        using var wrongSecret = Server.CreateClient(secret: "not-the-secret-of-this-access-key");
        var refused = await FluentActions.Awaiting(() => wrongSecret.ListFacesAsync(new ListFacesRequest("errors"))).Should().ThrowAsync<RekognitionException>();
        refused.Which.ErrorCode.Should().Be("InvalidSignatureException");
        refused.Which.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        using var unknownKey = Server.CreateClient(accessKeyId: "AKIDUNKNOWN");
        (await Code(() => unknownKey.ListFacesAsync(new ListFacesRequest("errors")))).Should().Be("UnrecognizedClientException");
        RekognitionServiceModel.Violations(Server.Exchanges).Should().BeEmpty();
    }

    /// <summary>The AWS error code the call fails with (it must fail with a Rekognition error).</summary>
    internal static async Task<string> Code(Func<Task> call) =>
        (await FluentActions.Awaiting(call).Should().ThrowAsync<RekognitionException>()).Which.ErrorCode;

    /// <summary>The photo scaled down to <paramref name="side"/> pixels square, so its face is too small to index.</summary>
    private static byte[] Shrunk(byte[] jpeg, int side)
    {
        using var original = SkiaSharp.SKBitmap.Decode(jpeg);
        using var small = original.Resize(new SkiaSharp.SKImageInfo(side, side), new SkiaSharp.SKSamplingOptions(SkiaSharp.SKFilterMode.Linear));
        using var data = small.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    /// <summary>A plain grey JPEG: decodable, but no face in it.</summary>
    internal static byte[] NoFaceJpeg()
    {
        using var bitmap = new SkiaSharp.SKBitmap(64, 64);
        bitmap.Erase(SkiaSharp.SKColors.Gray);
        using var data = bitmap.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }
}

/// <summary>One running app for all tests of a class: starting it loads the face models.</summary>
public sealed class RekognitionServerFixture : IAsyncLifetime
{
    public RekognitionServer Server { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}
