using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace FaceAttendance.Web.Hosting.Lambda;

/// <summary>The three shapes an HTTP request reaches a function in.</summary>
public enum ApiGatewayPayload
{
    /// <summary>API Gateway REST API (payload 1.0): <c>multiValueHeaders</c>, the stage as path base.</summary>
    Rest,
    /// <summary>API Gateway HTTP API and Lambda function URLs (payload 2.0): <c>rawPath</c>, a <c>cookies</c> array.</summary>
    Http,
}

/// <summary>An API Gateway or function URL event, read into what ASP.NET Core's request feature holds.</summary>
public sealed record ApiGatewayRequest(
    ApiGatewayPayload Payload, string Method, string PathBase, string Path, string QueryString, HeaderDictionary Headers, byte[] Body,
    IPAddress? RemoteAddress)
{
    /// <summary>The event's request, or null when the event is not an HTTP request.</summary>
    public static ApiGatewayRequest? Read(JsonElement e)
    {
        if (e.TryGetProperty("version", out var version) && version.GetString() == "2.0" && e.TryGetProperty("requestContext", out var context2)
            && context2.TryGetProperty("http", out var http))
        {
            return ReadHttpApi(e, context2, http);
        }
        return e.TryGetProperty("httpMethod", out _) ? ReadRestApi(e) : null;
    }

    private static ApiGatewayRequest ReadHttpApi(JsonElement e, JsonElement context, JsonElement http)
    {
        var headers = new HeaderDictionary();
        // payload 2.0 joins repeated headers with commas; the value is kept whole (a comma may be part of it)
        foreach (var header in Object(e, "headers"))
        {
            headers[header.Name] = header.Value.GetString();
        }
        if (e.TryGetProperty("cookies", out var cookies) && cookies.ValueKind == JsonValueKind.Array)
        {
            headers["Cookie"] = string.Join("; ", cookies.EnumerateArray().Select(c => c.GetString()));
        }
        var rawPath = String(e, "rawPath") ?? String(http, "path") ?? "/";
        var stage = String(context, "stage");
        // a named stage ("prod") is in the path of an HTTP API's default URL; $default, and a function URL, have none
        var pathBase = stage is { Length: > 0 } and not "$default" && rawPath.StartsWith($"/{stage}", StringComparison.Ordinal)
            && (rawPath.Length == stage.Length + 1 || rawPath[stage.Length + 1] == '/')
            ? $"/{stage}"
            : "";
        var rawQuery = String(e, "rawQueryString");
        return new ApiGatewayRequest(ApiGatewayPayload.Http, String(http, "method") ?? "GET", pathBase, Unescaped(rawPath[pathBase.Length..]),
            rawQuery is { Length: > 0 } ? "?" + rawQuery : "", headers, BodyOf(e), Address(String(http, "sourceIp")));
    }

    private static ApiGatewayRequest ReadRestApi(JsonElement e)
    {
        var headers = new HeaderDictionary();
        if (e.TryGetProperty("multiValueHeaders", out var multi) && multi.ValueKind == JsonValueKind.Object)
        {
            foreach (var header in multi.EnumerateObject())
            {
                headers[header.Name] = new StringValues([.. header.Value.EnumerateArray().Select(v => v.GetString())]);
            }
        }
        else
        {
            foreach (var header in Object(e, "headers"))
            {
                headers[header.Name] = header.Value.GetString();
            }
        }
        var query = new StringBuilder();
        if (e.TryGetProperty("multiValueQueryStringParameters", out var multiQuery) && multiQuery.ValueKind == JsonValueKind.Object)
        {
            foreach (var parameter in multiQuery.EnumerateObject())
            {
                foreach (var value in parameter.Value.EnumerateArray())
                {
                    Append(query, parameter.Name, value.GetString());
                }
            }
        }
        else
        {
            foreach (var parameter in Object(e, "queryStringParameters"))
            {
                Append(query, parameter.Name, parameter.Value.GetString());
            }
        }
        var context = e.TryGetProperty("requestContext", out var c) ? c : default;
        var stage = context.ValueKind == JsonValueKind.Object ? String(context, "stage") : null;
        var fullPath = context.ValueKind == JsonValueKind.Object ? String(context, "path") : null;
        // the stage is the path base when the request came through the stage's own URL (not a custom domain mapping)
        var pathBase = stage is { Length: > 0 } && fullPath?.StartsWith($"/{stage}/", StringComparison.Ordinal) == true ? $"/{stage}" : "";
        var sourceIp = context.ValueKind == JsonValueKind.Object && context.TryGetProperty("identity", out var identity) ? String(identity, "sourceIp") : null;
        return new ApiGatewayRequest(ApiGatewayPayload.Rest, String(e, "httpMethod") ?? "GET", pathBase, String(e, "path") ?? "/",
            query.ToString(), headers, BodyOf(e), Address(sourceIp));
    }

    private static void Append(StringBuilder query, string name, string? value) =>
        query.Append(query.Length == 0 ? '?' : '&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value ?? ""));

    private static byte[] BodyOf(JsonElement e)
    {
        if (String(e, "body") is not { } body)
        {
            return [];
        }
        return e.TryGetProperty("isBase64Encoded", out var base64) && base64.ValueKind == JsonValueKind.True
            ? Convert.FromBase64String(body)
            : Encoding.UTF8.GetBytes(body);
    }

    private static string Unescaped(string path) => Uri.UnescapeDataString(path.Length == 0 ? "/" : path);

    private static IPAddress? Address(string? ip) => IPAddress.TryParse(ip, out var address) ? address : null;

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<JsonProperty> Object(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value.EnumerateObject() : [];

    /// <summary>The request feature ASP.NET Core reads, with Content-Length supplied when the event left it out.</summary>
    public HttpRequestFeature ToFeature()
    {
        if (Body.Length > 0 && !Headers.ContentLength.HasValue)
        {
            Headers.ContentLength = Body.Length;
        }
        // API Gateway and function URLs are HTTPS; X-Forwarded-Proto says so (or says otherwise, in an emulator)
        var scheme = Headers["X-Forwarded-Proto"].FirstOrDefault() is { Length: > 0 } proto ? proto.Split(',')[0].Trim() : "https";
        return new HttpRequestFeature
        {
            Protocol = "HTTP/1.1",
            Scheme = scheme,
            Method = Method,
            PathBase = PathBase,
            Path = Path,
            QueryString = QueryString,
            RawTarget = PathBase + Path + QueryString,
            Headers = Headers,
            Body = new MemoryStream(Body, writable: false),
        };
    }
}
