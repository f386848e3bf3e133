using System.Text;
using System.Text.Json.Nodes;

namespace FaceAttendance.Tests.Web.Hosting.Lambda;

/// <summary>Events in the shapes AWS documents (kept as test data in Events/), adjusted per test.</summary>
internal static class LambdaEvents
{
    private static JsonObject Load(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "FaceAttendance.Tests", "Web", "Hosting", "Lambda", "Events", name)))!.AsObject();

    /// <summary>An API Gateway REST API (payload 1.0) request through stage <c>prod</c>'s own URL.</summary>
    public static JsonObject RestApi(string method, string path, IReadOnlyDictionary<string, string[]>? headers = null,
        IReadOnlyDictionary<string, string[]>? query = null, byte[]? body = null)
    {
        var e = Load("rest-api.json");
        e["httpMethod"] = method;
        e["path"] = path;
        e["requestContext"]!["path"] = "/prod" + path;
        e["requestContext"]!["httpMethod"] = method;
        foreach (var (name, values) in headers ?? new Dictionary<string, string[]>())
        {
            e["headers"]![name] = values[^1];
            e["multiValueHeaders"]![name] = new JsonArray([.. values.Select(v => (JsonNode?)v)]);
        }
        if (query is not null)
        {
            e["queryStringParameters"] = new JsonObject(query.Select(q => KeyValuePair.Create(q.Key, (JsonNode?)q.Value[^1])));
            e["multiValueQueryStringParameters"] = new JsonObject(query.Select(q =>
                KeyValuePair.Create(q.Key, (JsonNode?)new JsonArray([.. q.Value.Select(v => (JsonNode?)v)]))));
        }
        SetBody(e, body);
        return e;
    }

    /// <summary>An HTTP API (payload 2.0) request; <paramref name="stage"/> other than $default is in the path.</summary>
    public static JsonObject HttpApi(string method, string path, IReadOnlyDictionary<string, string>? headers = null, string query = "",
        byte[]? body = null, IEnumerable<string>? cookies = null, string stage = "$default") =>
        Payload2(Load("http-api.json"), method, stage == "$default" ? path : $"/{stage}{path}", headers, query, body, cookies, stage);

    /// <summary>A Lambda function URL request (payload 2.0, no stage).</summary>
    public static JsonObject FunctionUrl(string method, string path, IReadOnlyDictionary<string, string>? headers = null, string query = "",
        byte[]? body = null, IEnumerable<string>? cookies = null) =>
        Payload2(Load("function-url.json"), method, path, headers, query, body, cookies, "$default");

    private static JsonObject Payload2(JsonObject e, string method, string rawPath, IReadOnlyDictionary<string, string>? headers, string query,
        byte[]? body, IEnumerable<string>? cookies, string stage)
    {
        e["rawPath"] = rawPath;
        e["rawQueryString"] = query;
        e["requestContext"]!["http"]!["method"] = method;
        e["requestContext"]!["http"]!["path"] = rawPath;
        e["requestContext"]!["stage"] = stage;
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            e["headers"]![name.ToLowerInvariant()] = value;
        }
        ((JsonObject)e["headers"]!).Remove("content-length");
        if (cookies is not null)
        {
            e["cookies"] = new JsonArray([.. cookies.Select(c => (JsonNode?)c)]);
        }
        SetBody(e, body);
        return e;
    }

    /// <summary>S3's ObjectCreated:Put notification for <paramref name="s3Key"/>, URL-encoded as S3 sends keys.</summary>
    public static JsonObject ObjectCreated(string bucket, string s3Key)
    {
        var e = Load("s3-object-created.json");
        var s3 = e["Records"]![0]!["s3"]!;
        s3["bucket"]!["name"] = bucket;
        s3["bucket"]!["arn"] = $"arn:aws:s3:::{bucket}";
        s3["object"]!["key"] = string.Join('/', s3Key.Split('/').Select(Uri.EscapeDataString)).Replace("%20", "+");
        return e;
    }

    /// <summary>Text bodies as API Gateway sends them; anything else base64-encoded.</summary>
    private static void SetBody(JsonObject e, byte[]? body)
    {
        if (body is null)
        {
            return;
        }
        var text = IsUtf8Text(body);
        e["body"] = text ? Encoding.UTF8.GetString(body) : Convert.ToBase64String(body);
        e["isBase64Encoded"] = !text;
    }

    private static bool IsUtf8Text(byte[] body) => body.All(b => b is >= 0x20 and < 0x7f or (byte)'\n' or (byte)'\r' or (byte)'\t');
}
