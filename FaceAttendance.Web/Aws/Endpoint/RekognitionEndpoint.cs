using System.Net;
using System.Text.Json;
using FaceAttendance.Web.Aws.Rekognition;
using FaceAttendance.Web.Aws.SigV4;
using Microsoft.AspNetCore.Http.Features;

namespace FaceAttendance.Web.Aws.Endpoint;

/// <summary>
/// <c>POST /rekognition</c>: the JSON 1.1 protocol of Amazon Rekognition. Every call is SigV4-verified against the
/// configured access keys, dispatched on <c>X-Amz-Target</c>, and answered with Rekognition's shapes and error codes.
/// It lives under its own path so the kiosk keeps <c>GET /</c>; SDKs keep the path of an endpoint override.
/// </summary>
internal static partial class RekognitionEndpoint
{
    // a 5 MB image as base64 plus the JSON around it
    private const int MaxBodyBytes = 8 * 1024 * 1024;

    public static IEndpointRouteBuilder MapRekognitionEndpoint(this IEndpointRouteBuilder app)
    {
        // routing ignores a trailing slash, so this also serves SDKs that post to "/rekognition/"
        app.MapPost(RekognitionEndpointOptions.Path, HandleAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task HandleAsync(HttpContext context, LocalRekognition rekognition, SigV4Verifier verifier, ILogger<LocalRekognition> logger)
    {
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-amzn-RequestId"] = requestId;
        var target = context.Request.Headers["X-Amz-Target"].ToString();
        var ct = context.RequestAborted;
        try
        {
            var body = await ReadBodyAsync(context.Request, ct);
            if (context.Request.Headers.ContainsKey("X-Amz-Security-Token"))
            {
                // only long-term access keys are configured, so no session token can be valid: AWS's answer to a bad one
                throw RekognitionErrors.Client("UnrecognizedClientException", "The security token included in the request is invalid.");
            }
            var verdict = verifier.Verify(SigV4RequestOf(context, body));
            if (verdict.Failure is { } failure)
            {
                LogRefused(logger, target, failure.Code);
                throw RekognitionErrors.Client(failure.Code, failure.Message);
            }
            object response = target switch
            {
                "RekognitionService.CreateCollection" => rekognition.CreateCollection(Parse<CreateCollectionRequest>(body), verdict.Region!),
                "RekognitionService.DescribeCollection" => rekognition.DescribeCollection(Parse<DescribeCollectionRequest>(body), verdict.Region!),
                "RekognitionService.ListCollections" => rekognition.ListCollections(Parse<ListCollectionsRequest>(body)),
                "RekognitionService.DeleteCollection" => rekognition.DeleteCollection(Parse<DeleteCollectionRequest>(body)),
                "RekognitionService.ListFaces" => rekognition.ListFaces(Parse<ListFacesRequest>(body)),
                "RekognitionService.DeleteFaces" => rekognition.DeleteFaces(Parse<DeleteFacesRequest>(body)),
                "RekognitionService.IndexFaces" => await rekognition.IndexFacesAsync(Parse<IndexFacesRequest>(body), ct),
                "RekognitionService.SearchFacesByImage" => await rekognition.SearchFacesByImageAsync(Parse<SearchFacesByImageRequest>(body), ct),
                "RekognitionService.SearchFaces" => rekognition.SearchFaces(Parse<SearchFacesRequest>(body)),
                "RekognitionService.DetectFaces" => await rekognition.DetectFacesAsync(Parse<DetectFacesRequest>(body), ct),
                _ => throw RekognitionErrors.UnknownOperation(target),
            };
            await WriteAsync(context.Response, HttpStatusCode.OK, response, response.GetType(), ct);
        }
        catch (RekognitionException e)
        {
            await WriteErrorAsync(context.Response, e.StatusCode, e.ErrorCode, e.ServiceMessage, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(logger, e, target, requestId);
            await WriteErrorAsync(context.Response, HttpStatusCode.InternalServerError, "InternalServerError",
                $"Amazon Rekognition experienced a service issue (request {requestId}).", ct);
        }
    }

    private static SigV4Request SigV4RequestOf(HttpContext context, byte[] body)
    {
        // SigV4 signs the path and query exactly as sent, so use the raw request target rather than the decoded Path
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget.Split('?', 2);
        var headers = context.Request.Headers.SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v ?? ""))).ToList();
        return new SigV4Request(context.Request.Method, rawTarget[0], rawTarget.Length == 2 ? rawTarget[1] : "", headers,
            SigV4Canonicalizer.Sha256Hex(body));
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            throw RekognitionErrors.ImageTooLarge($"Request bodies are limited to {MaxBodyBytes} bytes.");
        }
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        return buffer.Length <= MaxBodyBytes ? buffer.ToArray()
            : throw RekognitionErrors.ImageTooLarge($"Request bodies are limited to {MaxBodyBytes} bytes.");
    }

    private static T Parse<T>(byte[] body)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(body, RekognitionJson.Options) ?? throw RekognitionErrors.Serialization("The request body must be a JSON object.");
        }
        catch (JsonException e)
        {
            throw RekognitionErrors.Serialization($"The request body could not be read: {e.Message}");
        }
    }

    private static Task WriteErrorAsync(HttpResponse response, HttpStatusCode status, string code, string message, CancellationToken ct)
    {
        response.Headers["x-amzn-ErrorType"] = code;
        return WriteAsync(response, status, new Dictionary<string, string> { ["__type"] = code, ["Message"] = message }, typeof(Dictionary<string, string>), ct);
    }

    private static async Task WriteAsync(HttpResponse response, HttpStatusCode status, object body, Type type, CancellationToken ct)
    {
        response.StatusCode = (int)status;
        response.ContentType = RekognitionJson.ContentType;
        await JsonSerializer.SerializeAsync(response.Body, body, type, RekognitionJson.Options, ct);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rekognition endpoint refused {Target}: {Code}")]
    private static partial void LogRefused(ILogger logger, string target, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rekognition endpoint failed on {Target} (request {RequestId})")]
    private static partial void LogFailed(ILogger logger, Exception exception, string target, string requestId);
}
