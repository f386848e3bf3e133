using System.Net;
using System.Text;
using Amazon.Runtime;
using FaceAttendance.Web.Aws.Rekognition;
using FaceAttendance.Web.Aws.SigV4;

namespace FaceAttendance.Tests.Aws;

/// <summary>The client's wire behaviour, observed at the transport: signing, protocol headers, retries and error decoding.</summary>
public class RekognitionClientRetryTests
{
    private static readonly Uri Endpoint = new("http://127.0.0.1:9/rekognition");

    [Fact]
    public async Task ThrottlingAndServerErrorsAreRetriedUntilTheCallSucceeds()
    {
        var transport = new ScriptedTransport(
            Error(HttpStatusCode.BadRequest, "ThrottlingException"),
            Error(HttpStatusCode.ServiceUnavailable, "ServiceUnavailableException"),
            new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"StatusCode":200}""") });
        using var client = Client(transport, maxAttempts: 3);

        var response = await client.DeleteCollectionAsync(new DeleteCollectionRequest("c1"));

        response.StatusCode.Should().Be(200);
        transport.Requests.Should().HaveCount(3);
    }

    [Fact]
    public async Task RetriesStopAtMaxAttemptsAndClientErrorsAreNotRetried()
    {
        var throttled = new ScriptedTransport(Enumerable.Range(0, 5).Select(_ => Error(HttpStatusCode.BadRequest, "ProvisionedThroughputExceededException")).ToArray());
        using var patient = Client(throttled, maxAttempts: 3);
        (await FluentActions.Awaiting(() => patient.DeleteCollectionAsync(new DeleteCollectionRequest("c1"))).Should().ThrowAsync<RekognitionException>())
            .Which.ErrorCode.Should().Be("ProvisionedThroughputExceededException");
        throttled.Requests.Should().HaveCount(3);

        var notFound = new ScriptedTransport(Error(HttpStatusCode.BadRequest, "com.amazonaws.rekognition#ResourceNotFoundException"));
        using var client = Client(notFound, maxAttempts: 3);
        var error = (await FluentActions.Awaiting(() => client.DeleteCollectionAsync(new DeleteCollectionRequest("c1"))).Should().ThrowAsync<RekognitionException>()).Which;
        error.ErrorCode.Should().Be("ResourceNotFoundException");
        error.ServiceMessage.Should().Be("details");
        error.RequestId.Should().Be("req-1");
        notFound.Requests.Should().ContainSingle();
    }

    [Fact]
    public async Task RequestsUseTheJson11ProtocolAndCarryAVerifiableSignature()
    {
        var transport = new ScriptedTransport(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"FaceDetails":[]}""") });
        using var client = Client(transport, maxAttempts: 1);

        await client.DetectFacesAsync(new DetectFacesRequest(new Image([1, 2, 3])));

        var sent = transport.Requests.Single();
        sent.Method.Should().Be("POST");
        sent.Target.Should().Be("RekognitionService.DetectFaces");
        sent.ContentType.Should().Be("application/x-amz-json-1.1");
        sent.Body.Should().Be("""{"Image":{"Bytes":"AQID"}}""");
        var verifier = new SigV4Verifier("rekognition", "eu-west-1", key => key == "AKIDTEST" ? "secret-for-the-retry-tests" : null, TimeProvider.System);
        verifier.Verify(sent.SigV4).Failure.Should().BeNull();
    }

    private static RekognitionClient Client(HttpMessageHandler transport, int maxAttempts) =>
        new(new RekognitionClientOptions { ServiceUrl = Endpoint, MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(1) },
            new BasicAWSCredentials("AKIDTEST", "secret-for-the-retry-tests"), "eu-west-1", TimeProvider.System, transport);

    private static HttpResponseMessage Error(HttpStatusCode status, string type)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent($$"""{"__type":"{{type}}","message":"details"}""") };
        response.Headers.Add("x-amzn-RequestId", "req-1");
        return response;
    }

    private sealed record SentRequest(string Method, string? Target, string? ContentType, string Body, SigV4Request SigV4);

    /// <summary>Answers each request with the next scripted response and records what was sent, as a server would see it.</summary>
    private sealed class ScriptedTransport(params HttpResponseMessage[] responses) : HttpMessageHandler
    {
        private int next;

        public List<SentRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
            var headers = request.Headers.Concat(request.Content.Headers)
                .SelectMany(h => h.Value.Select(v => KeyValuePair.Create(h.Key, v)))
                .Append(KeyValuePair.Create("Host", request.RequestUri!.Authority)).ToList();
            var sigV4 = new SigV4Request(request.Method.Method, request.RequestUri.AbsolutePath, request.RequestUri.Query, headers,
                SigV4Canonicalizer.Sha256Hex(body));
            Requests.Add(new SentRequest(request.Method.Method, request.Headers.GetValues("X-Amz-Target").Single(),
                request.Content.Headers.ContentType?.MediaType, Encoding.UTF8.GetString(body), sigV4));
            return responses[next++];
        }
    }
}
