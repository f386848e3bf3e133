using System.Text.Json.Serialization;

namespace FaceAttendance.Web.Aws.Rekognition;

// Request and response bodies of the face-collection operations, member names exactly as on the wire.

public sealed record CreateCollectionRequest(string CollectionId, IReadOnlyDictionary<string, string>? Tags = null);
public sealed record CreateCollectionResponse(int StatusCode, string CollectionArn, string FaceModelVersion);

public sealed record DescribeCollectionRequest(string CollectionId);
public sealed record DescribeCollectionResponse(
    long FaceCount, string FaceModelVersion, string CollectionARN,
    [property: JsonConverter(typeof(EpochSecondsConverter))] DateTimeOffset CreationTimestamp, long UserCount = 0);

public sealed record ListCollectionsRequest(string? NextToken = null, int? MaxResults = null);
public sealed record ListCollectionsResponse(IReadOnlyList<string> CollectionIds, IReadOnlyList<string> FaceModelVersions, string? NextToken = null);

public sealed record DeleteCollectionRequest(string CollectionId);
public sealed record DeleteCollectionResponse(int StatusCode);

public sealed record IndexFacesRequest(
    string CollectionId, Image Image, string? ExternalImageId = null, IReadOnlyList<string>? DetectionAttributes = null,
    int? MaxFaces = null, string? QualityFilter = null);
public sealed record IndexFacesResponse(
    IReadOnlyList<FaceRecord> FaceRecords, string FaceModelVersion, IReadOnlyList<UnindexedFace> UnindexedFaces);

public sealed record SearchFacesByImageRequest(
    string CollectionId, Image Image, int? MaxFaces = null, float? FaceMatchThreshold = null, string? QualityFilter = null);
public sealed record SearchFacesByImageResponse(
    BoundingBox SearchedFaceBoundingBox, float SearchedFaceConfidence, IReadOnlyList<FaceMatch> FaceMatches, string FaceModelVersion);

public sealed record SearchFacesRequest(string CollectionId, string FaceId, int? MaxFaces = null, float? FaceMatchThreshold = null);
public sealed record SearchFacesResponse(string SearchedFaceId, IReadOnlyList<FaceMatch> FaceMatches, string FaceModelVersion);

public sealed record ListFacesRequest(
    string CollectionId, string? NextToken = null, int? MaxResults = null, string? UserId = null, IReadOnlyList<string>? FaceIds = null);
public sealed record ListFacesResponse(IReadOnlyList<Face> Faces, string FaceModelVersion, string? NextToken = null);

public sealed record DeleteFacesRequest(string CollectionId, IReadOnlyList<string> FaceIds);
public sealed record DeleteFacesResponse(IReadOnlyList<string>? DeletedFaces, IReadOnlyList<UnsuccessfulFaceDeletion> UnsuccessfulFaceDeletions);

public sealed record DetectFacesRequest(Image Image, IReadOnlyList<string>? Attributes = null);
public sealed record DetectFacesResponse(IReadOnlyList<FaceDetail> FaceDetails);
