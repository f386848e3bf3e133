using System.Net;
using System.Net.Http.Json;
using FaceAttendance.Tests.Web.Browser;
using FaceAttendance.Tests.Web.Support;

namespace FaceAttendance.Tests.Web.Http;

/// <summary>X-Forwarded-* is believed only from a configured proxy: over real Kestrel, so the client address is 127.0.0.1.</summary>
public sealed class ForwardedHeadersTests
{
    private const int PerMinute = 5;

    [Fact]
    public async Task WithoutAConfiguredProxyASpoofedForwardedForDoesNotDodgeTheKioskLimitOrChangeTheScheme()
    {
        await using var server = new LiveAppServer(Settings());
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        var url = await PresignUrlAsync(server, "https");
        var statuses = await PairAllAsync(client, Enumerable.Range(1, 8).Select(i => $"203.0.113.{i}"));

        url.Should().StartWith("http://");
        statuses.Count(s => s == HttpStatusCode.TooManyRequests).Should().Be(8 - PerMinute, "all 8 requests count against 127.0.0.1");
    }

    [Fact]
    public async Task BehindAConfiguredProxyEachForwardedClientHasItsOwnBudgetAndTheProxysScheme()
    {
        await using var server = new LiveAppServer(Settings(("FaceAttendance:ForwardedHeaders:KnownProxies:0", "127.0.0.1")));
        using var client = new HttpClient { BaseAddress = server.BaseAddress };

        var distinct = await PairAllAsync(client, Enumerable.Range(1, 8).Select(i => $"203.0.113.{i}"));
        var same = await PairAllAsync(client, Enumerable.Repeat("198.51.100.7", 8));

        distinct.Should().OnlyContain(s => s == HttpStatusCode.BadRequest, "each a wrong code, none over its budget");
        same.Count(s => s == HttpStatusCode.TooManyRequests).Should().Be(8 - PerMinute);
        (await PresignUrlAsync(server, "https")).Should().StartWith("https://");
    }

    [Fact]
    public async Task TheAuditLogNamesTheRealClientAddressBehindAConfiguredProxyAndNotASpoofedOne()
    {
        await using var server = new LiveAppServer(Settings(("FaceAttendance:ForwardedHeaders:KnownProxies:0", "127.0.0.1")));
        await using var direct = new LiveAppServer(Settings());
        foreach (var (app, employeeId) in new[] { (server, "E-PROXIED"), (direct, "E-DIRECT") })
        {
            using var admin = app.CreateAdminClient();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/people") { Content = JsonContent.Create(new { employeeId, name = "Pat Proxy" }) };
            request.Headers.Add("X-Forwarded-For", "203.0.113.9");
            (await admin.SendAsync(request)).EnsureSuccessStatusCode();
        }

        (await AuditAddressAsync(server)).Should().Be("203.0.113.9");
        (await AuditAddressAsync(direct)).Should().Be("127.0.0.1", "without a configured proxy the header is the client's word only");
    }

    private static async Task<string?> AuditAddressAsync(LiveAppServer server)
    {
        using var admin = server.CreateAdminClient();
        var log = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/audit");
        return log.GetProperty("items").EnumerateArray().Single().GetProperty("address").GetString();
    }

    private static Dictionary<string, string> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string> { ["FaceAttendance:Kiosk:RequestsPerMinute"] = PerMinute.ToString() };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }
        return settings;
    }

    /// <summary>Pairing attempts (with a wrong code) from each forwarded address: a request without a kiosk credential,
    /// whose budget is its client address's (a paired kiosk's budget is its own).</summary>
    private static async Task<HttpStatusCode[]> PairAllAsync(HttpClient client, IEnumerable<string> forwardedFor)
    {
        var statuses = new List<HttpStatusCode>();
        foreach (var address in forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/kiosk/pair") { Content = JsonContent.Create(new { code = "WRONG-CODE" }) };
            request.Headers.Add("X-Forwarded-For", address);
            statuses.Add((await client.SendAsync(request)).StatusCode);
        }
        return [.. statuses];
    }

    private static async Task<string> PresignUrlAsync(LiveAppServer server, string forwardedProto)
    {
        using var admin = server.CreateAdminClient();
        using var kiosk = await PairedKioskClient.PairAsync(admin);
        using (var client = kiosk.Authorise(new HttpClient { BaseAddress = server.BaseAddress }))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/presign") { Content = JsonContent.Create(new { contentType = "image/jpeg" }) };
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            var response = await client.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return (await response.Content.ReadFromJsonAsync<FaceAttendance.Web.Storage.PresignResponse>(Json.Options))!.UploadUrl;
        }
    }
}
