using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FaceAttendance.Tests.Web.Admin;
using FaceAttendance.Tests.Web.Sites;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Webhooks;

namespace FaceAttendance.Tests.Web.Webhooks;

/// <summary>Webhooks against real receiving servers on 127.0.0.1: each delivery is signed as the documentation says
/// (checked by <see cref="DocumentedSignature"/>), goes only to the webhooks that chose its type, is retried with
/// back-off until the receiver accepts, and shows in the delivery log.</summary>
public sealed class WebhooksTests
{
    private static readonly DateTimeOffset Wednesday = new(2026, 12, 9, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    private static FaceAttendanceApp App() => new(now: Wednesday, settings: new() { ["FaceAttendance:Webhooks:PollInterval"] = "00:00:01" });

    [Fact]
    public async Task ACheckInIsDeliveredSignedAsDocumentedAndOnlyToTheWebhooksThatChoseIt()
    {
        await using var app = App();
        await using var checkIns = await WebhookReceiver.StartAsync();
        await using var approvals = await WebhookReceiver.StartAsync();
        using var owner = app.CreateAdminClient();
        var checkInHook = await RegisterAsync(owner, checkIns.Url, "attendance.in");
        var approvalHook = await RegisterAsync(owner, approvals.Url, "hours.approved");
        var al = await app.EnrolPersonAsync("E100", "Al Sharpton", Photos.AlSharpton(1));

        await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(2));
        app.Clock.Advance(Poll);
        var delivered = await checkIns.NextAsync();
        (await owner.PostAsJsonAsync("/api/approvals", new { personId = al.Id })).StatusCode.Should().Be(HttpStatusCode.OK);
        app.Clock.Advance(Poll);
        var approved = await approvals.NextAsync();

        DocumentedSignature.Verify(delivered.Signature, delivered.Body, checkInHook.Secret, app.Clock.GetUtcNow(), Tolerance).Should().BeTrue(delivered.Signature);
        DocumentedSignature.Verify(delivered.Signature, delivered.Body, approvalHook.Secret, app.Clock.GetUtcNow(), Tolerance).Should().BeFalse("another webhook's secret");
        DocumentedSignature.Verify(delivered.Signature, delivered.Body + " ", checkInHook.Secret, app.Clock.GetUtcNow(), Tolerance).Should().BeFalse("a changed body");
        DocumentedSignature.Verify(delivered.Signature, delivered.Body, checkInHook.Secret, app.Clock.GetUtcNow().AddMinutes(6), Tolerance).Should().BeFalse("a replay");
        var body = JsonDocument.Parse(delivered.Body).RootElement;
        body.GetProperty("type").GetString().Should().Be("attendance.in");
        body.GetProperty("id").GetString().Should().Be(delivered.EventId);
        body.GetProperty("data").GetProperty("name").GetString().Should().Be("Al Sharpton");
        body.GetProperty("data").GetProperty("kind").GetString().Should().Be("in");
        DocumentedSignature.Verify(approved.Signature, approved.Body, approvalHook.Secret, app.Clock.GetUtcNow(), Tolerance).Should().BeTrue();
        var approval = JsonDocument.Parse(approved.Body).RootElement;
        approval.GetProperty("type").GetString().Should().Be("hours.approved");
        approval.GetProperty("data").GetProperty("start").GetString().Should().Be("2026-12-07");
        checkIns.HasMore.Should().BeFalse("the check-in webhook did not choose approvals");
        var log = await WaitForLogAsync(owner, checkInHook.Id, d => d.State == "delivered");
        log.Should().ContainSingle().Which.Should().Match<DeliveryResponse>(d => d.Attempts == 1 && d.LastStatus == 200 && d.EventType == "attendance.in");
    }

    [Fact]
    public async Task AFailedDeliveryIsRetriedWithDoublingWaitsUntilTheReceiverAcceptsIt()
    {
        await using var app = App();
        await using var receiver = await WebhookReceiver.StartAsync(500, 503);
        using var owner = app.CreateAdminClient();
        var hook = await RegisterAsync(owner, receiver.Url, "attendance.corrected");
        var ann = await owner.AddPersonAsync("E1", "Ann", homeSiteId: null);

        await owner.AddCheckInAsync(app, ann.Id);
        app.Clock.Advance(Poll);
        var first = await receiver.NextAsync();
        var afterFirst = (await WaitForLogAsync(owner, hook.Id, d => d.Attempts == 1)).Single();
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var second = await receiver.NextAsync();
        var afterSecond = (await WaitForLogAsync(owner, hook.Id, d => d.Attempts == 2)).Single();
        app.Clock.Advance(TimeSpan.FromSeconds(60));
        var third = await receiver.NextAsync();
        var delivered = (await WaitForLogAsync(owner, hook.Id, d => d.State == "delivered")).Single();

        (afterFirst.State, afterFirst.LastStatus, afterFirst.LastError).Should().Be(("pending", 500, "answered 500 Internal Server Error"));
        afterFirst.NextAttemptAt.Should().Be(afterFirst.LastAttemptAt!.Value.AddSeconds(30));
        (afterSecond.State, afterSecond.LastStatus).Should().Be(("pending", 503));
        afterSecond.NextAttemptAt.Should().Be(afterSecond.LastAttemptAt!.Value.AddSeconds(60), "the wait doubles");
        (delivered.Attempts, delivered.LastStatus, delivered.LastError).Should().Be((3, 200, (string?)null));
        new[] { first, second, third }.Select(d => d.Body).Distinct().Should().ContainSingle("every attempt sends the same event, with the same id");
        new[] { first, second, third }.Select(d => d.EventId).Distinct().Should().ContainSingle();
        JsonDocument.Parse(third.Body).RootElement.GetProperty("data").GetProperty("reason").GetString().Should().Be("forgot to scan");
        DocumentedSignature.Verify(third.Signature, third.Body, hook.Secret, app.Clock.GetUtcNow(), Tolerance).Should().BeTrue("each attempt is signed at its own time");
    }

    [Fact]
    public async Task ADeliveryIsGivenUpAfterTheLastAttemptAndStaysInTheLog()
    {
        await using var app = new FaceAttendanceApp(now: Wednesday, settings: new()
        {
            ["FaceAttendance:Webhooks:PollInterval"] = "00:00:01", ["FaceAttendance:Webhooks:MaxAttempts"] = "2",
        });
        await using var receiver = await WebhookReceiver.StartAsync(500, 500, 500);
        using var owner = app.CreateAdminClient();
        var hook = await RegisterAsync(owner, receiver.Url, "attendance.corrected");
        var ann = await owner.AddPersonAsync("E1", "Ann", homeSiteId: null);

        await owner.AddCheckInAsync(app, ann.Id);
        app.Clock.Advance(Poll);
        await receiver.NextAsync();
        await WaitForLogAsync(owner, hook.Id, d => d.Attempts == 1);
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        await receiver.NextAsync();
        var failed = (await WaitForLogAsync(owner, hook.Id, d => d.State == "failed")).Single();
        app.Clock.Advance(TimeSpan.FromHours(1));

        (failed.Attempts, failed.LastStatus, failed.NextAttemptAt).Should().Be((2, 500, (DateTime?)null));
        await Task.Delay(TimeSpan.FromSeconds(1));
        receiver.HasMore.Should().BeFalse("a given-up delivery is not tried again");
    }

    [Fact]
    public async Task ATestEventIsSignedWithTheRotatedSecretAndBadRegistrationsAreRefused()
    {
        await using var app = App();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var owner = app.CreateAdminClient();
        var hook = await RegisterAsync(owner, receiver.Url, "face.unknown");

        var rotated = await owner.PostAsync($"/api/webhooks/{hook.Id}/secret", null);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<WebhookSecretResponse>(Json.Options))!.Secret;
        var queued = await owner.PostAsync($"/api/webhooks/{hook.Id}/test", null);
        app.Clock.Advance(Poll);
        var test = await receiver.NextAsync();

        queued.StatusCode.Should().Be(HttpStatusCode.Accepted);
        newSecret.Should().StartWith("whsec_").And.NotBe(hook.Secret);
        JsonDocument.Parse(test.Body).RootElement.GetProperty("type").GetString().Should().Be("webhook.test");
        DocumentedSignature.Verify(test.Signature, test.Body, newSecret, app.Clock.GetUtcNow(), Tolerance).Should().BeTrue();
        DocumentedSignature.Verify(test.Signature, test.Body, hook.Secret, app.Clock.GetUtcNow(), Tolerance).Should().BeFalse("the old secret is gone");
        var listed = await owner.GetStringAsync("/api/webhooks");
        listed.Should().Contain(receiver.Url).And.NotContain("whsec_", "a secret is shown once");
        (await app.AuditAsync("webhook.secret-rotated")).Should().ContainSingle();

        await (await owner.PostAsJsonAsync("/api/webhooks", new { url = "http://example.com/hook", events = new[] { "face.unknown" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "webhook-url-not-allowed");
        await (await owner.PostAsJsonAsync("/api/webhooks", new { url = "https://me:pw@example.com/hook", events = new[] { "face.unknown" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "webhook-url-not-allowed");
        await (await owner.PostAsJsonAsync("/api/webhooks", new { url = "file:///etc/passwd", events = new[] { "face.unknown" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "webhook-url-not-allowed");
        await (await owner.PostAsJsonAsync("/api/webhooks", new { url = "https://example.com/hook", events = new[] { "attendance.teleported" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown-event-type");
        await (await owner.PostAsJsonAsync("/api/webhooks", new { url = "https://example.com/hook", events = Array.Empty<string>() }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown-event-type");
        await (await owner.PostAsync($"/api/webhooks/{Guid.NewGuid()}/test", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound, "webhook-not-found");
        (await owner.DeleteAsync($"/api/webhooks/{hook.Id}")).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await owner.GetAsync($"/api/webhooks/{hook.Id}/deliveries")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "webhook-not-found");
    }

    [Fact]
    public async Task AReceiverThatAnswersAnEndlessBodyHasItsDeliveryCountedWithoutTheBodyBeingRead()
    {
        await using var app = new FaceAttendanceApp(now: Wednesday, settings: new()
        {
            ["FaceAttendance:Webhooks:PollInterval"] = "00:00:01",
            ["FaceAttendance:Webhooks:Timeout"] = "00:00:03",
        });
        await using var receiver = await WebhookReceiver.StartEndlessAsync();
        using var owner = app.CreateAdminClient();
        var hook = await RegisterAsync(owner, receiver.Url, "face.unknown");

        await owner.PostAsync($"/api/webhooks/{hook.Id}/test", null);
        app.Clock.Advance(Poll);
        await receiver.NextAsync();
        var log = await WaitForLogAsync(owner, hook.Id, d => d.Attempts > 0);

        log.Should().ContainSingle().Which.Should().Match<DeliveryResponse>(d => d.State == "delivered" && d.LastStatus == 200, log.Single().LastError);
    }

    [Fact]
    public async Task AFinishedDeliveryLeavesTheOutboxAfterThirtyDaysSoItDoesNotGrowForEver()
    {
        // an hourly round: the fake clock fires a periodic timer once per period it is moved past, and a month of
        // one-second rounds would be millions
        var hourly = TimeSpan.FromHours(1);
        await using var app = new FaceAttendanceApp(now: Wednesday, settings: new() { ["FaceAttendance:Webhooks:PollInterval"] = "01:00:00" });
        await using var receiver = await WebhookReceiver.StartAsync();
        using var owner = app.CreateAdminClient();
        var hook = await RegisterAsync(owner, receiver.Url, "face.unknown");
        await owner.PostAsync($"/api/webhooks/{hook.Id}/test", null);
        app.Clock.Advance(hourly);
        await receiver.NextAsync();
        await WaitForLogAsync(owner, hook.Id, d => d.State == "delivered");

        app.Clock.Advance(TimeSpan.FromDays(29));
        var kept = await WaitForLogAsync(owner, hook.Id, d => d.State == "delivered");
        app.Clock.Advance(TimeSpan.FromDays(2));
        var pruned = await WaitForLogAsync(owner, hook.Id, _ => false);

        kept.Should().ContainSingle("29 days on, the delivery is still in the log");
        pruned.Should().BeEmpty();
    }

    [Fact]
    public async Task OnTheWebhooksPageAnOwnerAddsOneSeesItsSecretOnceAndItsTestEventsDelivery()
    {
        await using var app = App();
        await using var receiver = await WebhookReceiver.StartAsync();
        using var owner = await app.SignedInBrowserAsync("", FaceAttendanceApp.AdminPassword);

        var added = await AccountPagesTests.PostAsync(owner, "/admin/webhooks", "?handler=Create",
            new() { ["WebhookUrl"] = receiver.Url, ["Events"] = "face.unknown" });
        var hook = (await app.CreateAdminClient().GetFromJsonAsync<List<WebhookResponse>>("/api/webhooks", Json.Options))!.Single();
        await AccountPagesTests.PostAsync(owner, "/admin/webhooks", "?handler=Test", new() { ["webhookId"] = hook.Id.ToString() });
        app.Clock.Advance(Poll);
        var test = await receiver.NextAsync();
        await WaitForLogAsync(app.CreateAdminClient(), hook.Id, d => d.State == "delivered");
        var page = System.Net.WebUtility.HtmlDecode(await owner.GetStringAsync("/admin/webhooks"));

        var secret = System.Text.RegularExpressions.Regex.Match(added, "whsec_[A-Za-z0-9_-]+").Value;
        DocumentedSignature.Verify(test.Signature, test.Body, secret, app.Clock.GetUtcNow(), Tolerance).Should().BeTrue("the page showed the secret that signs");
        hook.Events.Should().Equal("face.unknown");
        page.Should().Contain(receiver.Url).And.Contain("webhook.test").And.Contain("delivered").And.NotContain("whsec_", "the secret is shown once");
    }

    private static async Task<WebhookSecretResponse> RegisterAsync(HttpClient owner, string url, params string[] events)
    {
        var response = await owner.PostAsJsonAsync("/api/webhooks", new { url, events });
        response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<WebhookSecretResponse>(Json.Options))!;
    }

    /// <summary>The delivery log once every delivery in it matches: the dispatcher writes it just after the receiver answers.</summary>
    private static async Task<List<DeliveryResponse>> WaitForLogAsync(HttpClient owner, Guid webhookId, Func<DeliveryResponse, bool> done)
    {
        for (var tries = 0; ; tries++)
        {
            var log = (await owner.GetFromJsonAsync<List<DeliveryResponse>>($"/api/webhooks/{webhookId}/deliveries", Json.Options))!;
            if (log.Count > 0 && log.All(done) || tries == 100)
            {
                return log;
            }
            await Task.Delay(100);
        }
    }
}
