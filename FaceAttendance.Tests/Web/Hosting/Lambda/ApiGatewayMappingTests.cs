using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FaceAttendance.Web.Hosting.Lambda;

namespace FaceAttendance.Tests.Web.Hosting.Lambda;

/// <summary>The event and answer shapes, checked field by field where a process test could not see them.</summary>
public sealed class ApiGatewayMappingTests
{
    private static ApiGatewayRequest Read(JsonObject e) => ApiGatewayRequest.Read(JsonDocument.Parse(e.ToJsonString()).RootElement)!;

    [Fact]
    public void ARestApiEventKeepsRepeatedQueryKeysAndHeaderValuesAndTakesTheStageAsPathBase()
    {
        var request = Read(LambdaEvents.RestApi("GET", "/api/attendance",
            headers: new Dictionary<string, string[]> { ["X-Custom"] = ["one", "two"] },
            query: new Dictionary<string, string[]> { ["personId"] = ["a b", "c&d"], ["page"] = ["2"] }));

        request.Payload.Should().Be(ApiGatewayPayload.Rest);
        request.PathBase.Should().Be("/prod");
        request.Path.Should().Be("/api/attendance");
        request.QueryString.Should().Be("?personId=a%20b&personId=c%26d&page=2");
        request.Headers["X-Custom"].ToArray().Should().Equal("one", "two");
        request.RemoteAddress!.ToString().Should().Be("203.0.113.7");
    }

    [Fact]
    public void AnHttpApiEventKeepsCommaHeadersWholeJoinsCookiesAndDecodesABase64Body()
    {
        var body = new byte[] { 0xff, 0xd8, 0xff, 0x00, 0x01 };
        var e = LambdaEvents.HttpApi("POST", "/attendance", new Dictionary<string, string> { ["Accept"] = "text/csv, application/json;q=0.5" },
            query: "a=1&a=2", body: body, cookies: ["one=1", "two=2"], stage: "prod");

        var request = Read(e);
        var feature = request.ToFeature();

        request.Payload.Should().Be(ApiGatewayPayload.Http);
        request.PathBase.Should().Be("/prod");
        request.Path.Should().Be("/attendance");
        request.QueryString.Should().Be("?a=1&a=2");
        request.Headers["Accept"].ToArray().Should().Equal("text/csv, application/json;q=0.5");
        request.Headers["Cookie"].ToString().Should().Be("one=1; two=2");
        request.Body.Should().Equal(body);
        feature.Headers.ContentLength.Should().Be(body.Length, "Content-Length is supplied when the event has none");
        feature.Scheme.Should().Be("https");
    }

    [Fact]
    public void AFunctionUrlEventHasNoStage()
    {
        var request = Read(LambdaEvents.FunctionUrl("GET", "/prod/x"));

        request.PathBase.Should().BeEmpty();
        request.Path.Should().Be("/prod/x");
    }

    [Fact]
    public void AnythingElseIsNotAnHttpRequest() =>
        ApiGatewayRequest.Read(JsonDocument.Parse("""{"Records":[]}""").RootElement).Should().BeNull();

    [Fact]
    public async Task BinaryBodiesAreBase64TextIsNotAndSetCookieGoesToTheCookiesArrayOfPayload2()
    {
        var image = await Answer(ApiGatewayPayload.Http, "image/webp", [1, 2, 3], ("Set-Cookie", "a=1; path=/"), ("Set-Cookie", "b=2; path=/"));
        var json = await Answer(ApiGatewayPayload.Http, "application/problem+json", "{\"a\":1}"u8.ToArray());
        var rest = await Answer(ApiGatewayPayload.Rest, "text/html; charset=utf-8", "<p>hi</p>"u8.ToArray(), ("Set-Cookie", "a=1"), ("Set-Cookie", "b=2"));

        image["isBase64Encoded"]!.GetValue<bool>().Should().BeTrue();
        Convert.FromBase64String(image["body"]!.GetValue<string>()).Should().Equal(1, 2, 3);
        image["cookies"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("a=1; path=/", "b=2; path=/");
        image["headers"]!.AsObject().Select(h => h.Key).Should().NotContain("Set-Cookie");
        image["headers"]!["Content-Length"]!.GetValue<string>().Should().Be("3");
        json["isBase64Encoded"]!.GetValue<bool>().Should().BeFalse();
        json["body"]!.GetValue<string>().Should().Be("{\"a\":1}");
        rest["multiValueHeaders"]!["Set-Cookie"]!.AsArray().Select(c => c!.GetValue<string>()).Should().Equal("a=1", "b=2");
        rest["body"]!.GetValue<string>().Should().Be("<p>hi</p>");
    }

    [Fact]
    public async Task AResponseOverLambdasSixMegabytesBecomesA413ProblemDetails()
    {
        var answer = await Answer(ApiGatewayPayload.Http, "text/csv", Encoding.ASCII.GetBytes(new string('x', LambdaResponse.MaxPayloadBytes)));

        answer["statusCode"]!.GetValue<int>().Should().Be(413);
        answer["headers"]!["Content-Type"]!.GetValue<string>().Should().Be("application/problem+json");
        var problem = JsonNode.Parse(answer["body"]!.GetValue<string>())!;
        problem["code"]!.GetValue<string>().Should().Be("response-too-large");
        problem["detail"]!.GetValue<string>().Should().Contain("6 MB");
    }

    private static async Task<JsonNode> Answer(ApiGatewayPayload payload, string contentType, byte[] body, params (string Name, string Value)[] headers)
    {
        var response = new LambdaResponse();
        var started = false;
        response.OnStarting(_ => { started = true; return Task.CompletedTask; }, new object());
        response.Headers.ContentType = contentType;
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = Microsoft.Extensions.Primitives.StringValues.Concat(response.Headers[name], value);
        }
        await ((Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature)response).Stream.WriteAsync(body);
        started.Should().BeTrue("the first write starts the response");
        await response.CompleteAsync();
        return JsonNode.Parse(response.ToEvent(payload))!;
    }
}
