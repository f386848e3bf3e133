using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Tests.Web.Support;

namespace FaceAttendance.Tests.Web.Attendance;

/// <summary>A kiosk answer tells a stranger with a photo only what the kiosk shows: no ids, no similarity, no liveness or
/// quality scores, whichever way the scan came out; those stay with the stored decision and the admin API.</summary>
public sealed class KioskAnswerTests
{
    private static readonly string[] Hidden = ["id", "employeeId", "eventId", "similarity", "liveness", "quality", "otherPersonId"];

    [Fact]
    public async Task AKnownAnUnknownAndARefusedScanAnswerNoIdsAndNoScores()
    {
        await using var app = new FaceAttendanceApp(settings: new() { ["FaceAttendance:Kiosk:RequireLiveness"] = "true" });
        await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));
        using var kiosk = await app.CreateKioskClientAsync();
        var upload = await FaceAttendanceApp.PresignAsync(kiosk);
        (await FaceAttendanceApp.UploadAsync(kiosk, upload, Photos.OnKioskCanvas(Photos.AlSharpton(6)))).EnsureSuccessStatusCode();

        var known = await kiosk.PostAsJsonAsync("/attendance", new { key = upload.Key });
        var replayed = await kiosk.GetAsync($"/attendance/{upload.Key}");
        var unknown = await app.PostSnapshotAsync(Photos.NeverEnrolled);
        var notLive = await app.PostSnapshotAsync(Photos.Read("Cesar_Gaviria", 4));
        var poorQuality = await app.PostSnapshotAsync(Photos.Darkened(Photos.AlSharpton(1)));

        var knownBody = await BodyAsync(known, HttpStatusCode.OK);
        knownBody.GetProperty("status").GetString().Should().Be("checked-in");
        knownBody.GetProperty("person").GetProperty("name").GetString().Should().Be("Al Sharpton");
        knownBody.GetProperty("kind").GetString().Should().Be("in");
        knownBody.GetProperty("firstToday").GetBoolean().Should().BeTrue();
        (await BodyAsync(replayed, HttpStatusCode.OK)).ToString().Should().Be(knownBody.ToString(), "a replay answers the same");
        (await BodyAsync(unknown, HttpStatusCode.OK)).GetProperty("status").GetString().Should().Be("unknown");
        (await BodyAsync(notLive, HttpStatusCode.UnprocessableEntity)).GetProperty("code").GetString().Should().Be("not-live");
        var poor = await BodyAsync(poorQuality, HttpStatusCode.UnprocessableEntity);
        poor.GetProperty("code").GetString().Should().Be("poor-quality");
        poor.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()).Should().Contain("too-dark", "the kiosk turns reasons into advice");

        var decided = await app.StoredOutcomesAsync();
        decided.Should().HaveCount(4, "every scan is decided and kept in full");
        decided.Should().ContainSingle(d => d.Result != null && d.Result.Person != null && d.Result.Similarity >= app.MatchThreshold);
        decided.Should().ContainSingle(d => d.Refusal != null && d.Refusal.Extensions!.ContainsKey("liveness"));
        (await app.EventsAsync()).Single().Liveness.Should().NotBeNull("the event keeps the liveness score for admins");
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, text);
        var body = JsonDocument.Parse(text).RootElement;
        Names(body).Should().NotContain(name => Hidden.Contains(name, StringComparer.OrdinalIgnoreCase), text);
        return body;
    }

    /// <summary>Every property name anywhere in the JSON, however deep.</summary>
    private static IEnumerable<string> Names(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().SelectMany(p => Names(p.Value).Prepend(p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(Names),
        _ => [],
    };
}
