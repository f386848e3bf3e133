using System.Net.Http.Headers;
using System.Net.Http.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Signing;

namespace FaceAttendance.Web.Aws.Rekognition;

/// <summary>
/// Typed client for Rekognition's face-collection operations over the JSON 1.1 protocol: <c>POST</c> to the endpoint
/// with <c>X-Amz-Target: RekognitionService.&lt;Operation&gt;</c>, signed by AWSSDK.Core's SigV4 handler (payload signed).
/// Throttling, 5xx and network failures are retried with full-jitter exponential back-off.
/// </summary>
public sealed class RekognitionClient : IDisposable
{
    private readonly HttpClient http;
    private readonly Uri endpoint;
    private readonly RekognitionClientOptions options;
    private readonly TimeProvider time;

    public RekognitionClient(RekognitionClientOptions options, AWSCredentials credentials, string region, TimeProvider time,
        HttpMessageHandler? transport = null)
    {
        this.options = options;
        this.time = time;
        endpoint = options.EndpointFor(region);
        var signing = new AWSSigV4Parameters
        {
            Credentials = credentials,
            Region = RegionEndpoint.GetBySystemName(region),
            Service = "rekognition",
            SignPayload = true,
        };
        http = new HttpClient(new SigV4SigningHandler(signing, transport ?? new SocketsHttpHandler()));
    }

    public Task<CreateCollectionResponse> CreateCollectionAsync(CreateCollectionRequest request, CancellationToken ct = default) =>
        SendAsync<CreateCollectionRequest, CreateCollectionResponse>("CreateCollection", request, ct);

    public Task<DescribeCollectionResponse> DescribeCollectionAsync(DescribeCollectionRequest request, CancellationToken ct = default) =>
        SendAsync<DescribeCollectionRequest, DescribeCollectionResponse>("DescribeCollection", request, ct);

    public Task<ListCollectionsResponse> ListCollectionsAsync(ListCollectionsRequest request, CancellationToken ct = default) =>
        SendAsync<ListCollectionsRequest, ListCollectionsResponse>("ListCollections", request, ct);

    public Task<DeleteCollectionResponse> DeleteCollectionAsync(DeleteCollectionRequest request, CancellationToken ct = default) =>
        SendAsync<DeleteCollectionRequest, DeleteCollectionResponse>("DeleteCollection", request, ct);

    public Task<IndexFacesResponse> IndexFacesAsync(IndexFacesRequest request, CancellationToken ct = default) =>
        SendAsync<IndexFacesRequest, IndexFacesResponse>("IndexFaces", request, ct);

    public Task<SearchFacesByImageResponse> SearchFacesByImageAsync(SearchFacesByImageRequest request, CancellationToken ct = default) =>
        SendAsync<SearchFacesByImageRequest, SearchFacesByImageResponse>("SearchFacesByImage", request, ct);

    public Task<SearchFacesResponse> SearchFacesAsync(SearchFacesRequest request, CancellationToken ct = default) =>
        SendAsync<SearchFacesRequest, SearchFacesResponse>("SearchFaces", request, ct);

    public Task<ListFacesResponse> ListFacesAsync(ListFacesRequest request, CancellationToken ct = default) =>
        SendAsync<ListFacesRequest, ListFacesResponse>("ListFaces", request, ct);

    public Task<DeleteFacesResponse> DeleteFacesAsync(DeleteFacesRequest request, CancellationToken ct = default) =>
        SendAsync<DeleteFacesRequest, DeleteFacesResponse>("DeleteFaces", request, ct);

    public Task<DetectFacesResponse> DetectFacesAsync(DetectFacesRequest request, CancellationToken ct = default) =>
        SendAsync<DetectFacesRequest, DetectFacesResponse>("DetectFaces", request, ct);

    private async Task<TResponse> SendAsync<TRequest, TResponse>(string operation, TRequest request, CancellationToken ct)
    {
        var body = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request, RekognitionJson.Options);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(RekognitionJson.ContentType);
                message.Headers.Add("X-Amz-Target", RekognitionJson.TargetPrefix + operation);
                using var response = await http.SendAsync(message, ct);
                if (response.IsSuccessStatusCode)
                {
                    return (await response.Content.ReadFromJsonAsync<TResponse>(RekognitionJson.Options, ct))!;
                }
                throw RekognitionException.FromResponse(response.StatusCode, await response.Content.ReadAsStringAsync(ct),
                    FirstHeader(response, "x-amzn-ErrorType"), FirstHeader(response, "x-amzn-RequestId"));
            }
            catch (Exception e) when (attempt < options.MaxAttempts && IsTransient(e, ct))
            {
                await Task.Delay(Backoff(attempt), time, ct);
            }
        }
    }

    private static bool IsTransient(Exception e, CancellationToken ct) =>
        e is RekognitionException { IsRetryable: true } or HttpRequestException
        || (e is TaskCanceledException && !ct.IsCancellationRequested); // HttpClient timeout

    private TimeSpan Backoff(int attempt)
    {
        var ceiling = Math.Min(options.MaxDelay.TotalMilliseconds, options.BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling);
    }

    private static string? FirstHeader(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    public void Dispose() => http.Dispose();
}
