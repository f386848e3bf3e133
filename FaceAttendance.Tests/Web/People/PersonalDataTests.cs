using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FaceAttendance.Tests.Web.Support;
using FaceAttendance.Web.Attendance;
using FaceAttendance.Web.Data;
using FaceAttendance.Web.People;
using FaceAttendance.Web.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FaceAttendance.Tests.Web.People;

/// <summary>Faces handled as biometric data: consent before enrolment, an append-only audit log of admin actions,
/// erasure that leaves nothing readable behind, and an export of everything held about a person.</summary>
public sealed class PersonalDataTests(AppConfigurations configurations) : IClassFixture<AppConfigurations>
{
    [Theory]
    [InlineData(AppConfiguration.Local)]
    [InlineData(AppConfiguration.Postgres)]
    public async Task EveryAdminActionIsInTheAuditLogWhichCannotBeChanged(AppConfiguration configuration)
    {
        await using var app = configurations.Start(configuration);
        using var admin = app.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/people", new { employeeId = "E200", name = "Ann Audit" });
        var person = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await admin.PostAsync($"/api/people/{person}/consent", null)).EnsureSuccessStatusCode();
        (await app.EnrolAsync(person, Photos.AlSharpton(1))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await admin.GetAsync("/api/attendance.csv")).EnsureSuccessStatusCode();
        (await admin.DeleteAsync($"/api/people/{person}")).EnsureSuccessStatusCode();

        var log = await admin.GetFromJsonAsync<JsonElement>("/api/audit?pageSize=50");
        var entries = log.GetProperty("items").EnumerateArray().Reverse().ToList();
        var actions = entries.Select(e => e.GetProperty("action").GetString()).ToList();
        actions.Take(4).Should().Equal("person.created", "person.consent-recorded", "face.enrolled", "attendance.exported");
        actions.Skip(4).Should().BeEquivalentTo(["face.removed", "person.erased"], "erasure removes the faces in the same save");
        // (TestServer has no client address; ForwardedHeadersTests checks it over Kestrel)
        entries.Should().AllSatisfy(e => e.GetProperty("actor").GetString().Should().Be("configured api key"));
        entries.Single(e => e.GetProperty("action").GetString() == "person.erased").GetProperty("detail").GetString().Should().Be("employee id E200");
        var csv = await admin.GetStringAsync("/api/audit.csv");
        csv.Should().Contain("person.erased").And.Contain(person.ToString());
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        var delete = () => db.AuditEntries.ExecuteDeleteAsync();
        var rewrite = () => db.AuditEntries.ExecuteUpdateAsync(set => set.SetProperty(e => e.Actor, "someone else"));
        (await delete.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("append-only");
        (await rewrite.Should().ThrowAsync<Exception>()).Which.ToString().Should().Contain("append-only");
        (await db.AuditEntries.CountAsync()).Should().Be(7, "the CSV export logged itself");
    }

    [Fact]
    public async Task NoFaceIsEnrolledBeforeConsentIsRecordedAndTheRecordSaysWhoWhenAndWhichNotice()
    {
        await using var app = configurations.Start(AppConfiguration.Local);
        using var admin = app.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/people", new { employeeId = "E201", name = "Carl Consent" });
        var person = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var refused = await app.EnrolAsync(person, Photos.AlSharpton(1));
        await refused.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "consent-missing");
        (await app.Services.GetRequiredService<IObjectStore>().ListAsync(ObjectKeys.FacesPrefix, CancellationToken.None).ToListAsync())
            .Should().BeEmpty("a refused photo is not kept");
        (await admin.PostAsync($"/api/people/{person}/consent", null)).EnsureSuccessStatusCode();
        (await app.EnrolAsync(person, Photos.AlSharpton(1))).StatusCode.Should().Be(HttpStatusCode.Created);

        var consent = (await admin.GetFromJsonAsync<JsonElement>($"/api/people/{person}")).GetProperty("consent");
        consent.GetProperty("noticeVersion").GetString().Should().Be("1");
        consent.GetProperty("recordedBy").GetString().Should().Be("configured api key");
        consent.GetProperty("at").GetDateTime().Should().BeCloseTo(app.Clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task ErasureRemovesEveryPhotoAndSnapshotAndLeavesNoTraceInTheDatabaseFiles()
    {
        await using var app = configurations.Start(AppConfiguration.Local);
        const string email = "erasure-probe-7f3a@example.com";
        using var admin = app.CreateAdminClient();
        var created = await admin.PostAsJsonAsync("/api/people", new { employeeId = "E202", name = "Eve Erased", email, consent = true });
        var person = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        (await app.EnrolAsync(person, Photos.AlSharpton(1))).StatusCode.Should().Be(HttpStatusCode.Created);
        (await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6))).Status.Should().Be(AttendanceStatus.CheckedIn);
        var store = app.Services.GetRequiredService<IObjectStore>();
        // a photo no face row names, as an enrolment the engine failed half-way could leave
        var stray = ObjectKeys.FacePhoto(person, Guid.CreateVersion7(), ImageFormats.Jpeg);
        await store.TryPutAsync(stray, Photos.AlSharpton(2), CancellationToken.None);
        var database = Path.Combine(app.DataDir, "attendance.db");
        DatabaseFilesContain(database, email).Should().BeTrue("the probe is visible before erasure");

        (await admin.DeleteAsync($"/api/people/{person}")).EnsureSuccessStatusCode();

        (await store.ListAsync("", CancellationToken.None).ToListAsync()).Should().BeEmpty();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        (await db.ScanDecisions.CountAsync()).Should().Be(0);
        (await db.AttendanceEvents.SingleAsync()).SnapshotKey.Should().BeNull();
        DatabaseFilesContain(database, email).Should().BeFalse("secure_delete zeroes the freed pages and the log is checkpointed");
        var day = app.Clock.GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // the page encodes the apostrophe
        System.Net.WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/attendance?from={day}&to={day}")).Should().Contain("photo erased with the person's data",
            "the log says why the photo is gone: not retention");
    }

    [Fact]
    public async Task ErasureTakesTheNameOutOfUnknownFaceDecisionsAndCorrections()
    {
        await using var app = configurations.Start(AppConfiguration.Local);
        var (erased, _, eventId) = await ScanReassignedAwayAsync(app);
        using var admin = app.CreateAdminClient();
        await using (var seed = app.Services.CreateAsyncScope())
        {
            var seedDb = seed.ServiceProvider.GetRequiredService<AttendanceDbContext>();
            // an unknown face an admin enrolled for them from its snapshot
            seedDb.ScanDecisions.Add(new ScanDecision { SnapshotKey = "snapshots/unknown.jpg", Outcome = "{}", Result = "unknown", EnrolledAs = "Al Sharpton" });
            await seedDb.SaveChangesAsync();
        }

        (await admin.DeleteAsync($"/api/people/{erased.Id}")).EnsureSuccessStatusCode();

        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttendanceDbContext>();
        (await db.ScanDecisions.SingleAsync(d => d.SnapshotKey == "snapshots/unknown.jpg")).EnrolledAs.Should().Be("an erased person");
        var correction = await db.AttendanceCorrections.SingleAsync(c => c.EventId == eventId);
        correction.FromPersonId.Should().BeNull();
        correction.FromName.Should().Be("an erased person");
        correction.FromEmployeeId.Should().BeNull();
    }

    [Fact]
    public async Task AnExportHoldsEverythingKeptAboutThePersonAndIsAudited()
    {
        await using var app = configurations.Start(AppConfiguration.Local);
        var person = await app.EnrolPersonAsync("E203", "Al Sharpton", Photos.AlSharpton(1));
        await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6));
        var scan = (await app.EventsAsync()).Single();
        using var admin = app.CreateAdminClient();

        var response = await admin.GetAsync($"/api/people/{person.Id}/export");

        response.Content.Headers.ContentType!.MediaType.Should().Be("application/zip");
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var names = zip.Entries.Select(e => e.FullName).ToList();
        names.Should().Contain(["person.json", "attendance.csv"]);
        names.Should().Contain(name => name.StartsWith($"faces/{person.Id:N}/", StringComparison.Ordinal))
            .And.Contain(name => name.StartsWith("snapshots/", StringComparison.Ordinal));
        using (var reader = new StreamReader(zip.GetEntry("person.json")!.Open()))
        {
            var details = JsonDocument.Parse(await reader.ReadToEndAsync()).RootElement;
            details.GetProperty("employeeId").GetString().Should().Be("E203");
            details.GetProperty("consent").GetProperty("noticeVersion").GetString().Should().Be("1");
        }
        using (var reader = new StreamReader(zip.GetEntry("attendance.csv")!.Open()))
        {
            (await reader.ReadToEndAsync()).Should().Contain(scan.Id.ToString());
        }
        (await admin.GetStringAsync("/api/audit?action=person.exported")).Should().Contain(person.Id.ToString());
    }

    [Fact]
    public async Task AnExportShowsTheCorrectionsTheEventsReassignedAwayAndTheAuditEntriesAboutThePerson()
    {
        await using var app = configurations.Start(AppConfiguration.Local);
        var (person, other, eventId) = await ScanReassignedAwayAsync(app);
        using var admin = app.CreateAdminClient();
        var added = await admin.PostAsJsonAsync("/api/attendance", new { personId = person.Id, kind = "in", at = app.Clock.GetUtcNow().AddHours(-1), reason = "forgot his badge" });
        var addedId = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var response = await admin.GetAsync($"/api/people/{person.Id}/export");

        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var attendance = (await ReadAsync(zip, "attendance.csv")).Split("\r\n");
        attendance.Should().ContainSingle(line => line.StartsWith(eventId.ToString(), StringComparison.Ordinal))
            .Which.Should().Contain("E207,Al Sharpton").And.Contain("reassigned away from this person")
            .And.Contain("reassigned from Al Sharpton (E207)").And.Contain("by configured api key: the wrong Al").And.NotContain("Greenspan");
        attendance.Should().ContainSingle(line => line.StartsWith(addedId.ToString(), StringComparison.Ordinal))
            .Which.Should().Contain("added ").And.Contain("by configured api key: forgot his badge");
        var audit = await ReadAsync(zip, "audit.csv");
        audit.Should().Contain("person.created").And.Contain("face.enrolled").And.Contain("person.exported")
            .And.Contain($"attendance.reassigned,{eventId}").And.Contain($"attendance.added,{addedId}")
            .And.NotContain(other.Id.ToString(), "the other person's own entries are theirs");
    }

    /// <summary>Al Sharpton (E207) scanned at the kiosk, the event then reassigned to Alan Greenspan: taken away from him.</summary>
    private static async Task<(PersonResponse Person, PersonResponse Other, Guid EventId)> ScanReassignedAwayAsync(FaceAttendanceApp app)
    {
        var person = await app.EnrolPersonAsync("E207", "Al Sharpton", Photos.AlSharpton(1));
        var other = await app.CreatePersonAsync("E208", "Alan Greenspan");
        (await app.CheckAtKioskExpectingResultAsync(Photos.AlSharpton(6))).Status.Should().Be(AttendanceStatus.CheckedIn);
        // the kiosk's answer names no event: the admin's log does
        var eventId = (await app.EventsAsync()).Should().ContainSingle().Subject.Id;
        using var admin = app.CreateAdminClient();
        (await admin.PostAsJsonAsync($"/api/attendance/{eventId}/reassign", new { personId = other.Id, reason = "the wrong Al" })).EnsureSuccessStatusCode();
        return (person, other, eventId);
    }

    private static async Task<string> ReadAsync(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return await reader.ReadToEndAsync();
    }

    [Fact]
    public async Task TheRetentionPassDeletesAnEnrolmentPhotoThatNoFaceNames()
    {
        await using var app = configurations.Start(AppConfiguration.Local);
        var person = await app.EnrolPersonAsync("E204", "Al Sharpton", Photos.AlSharpton(1));
        var store = app.Services.GetRequiredService<IObjectStore>();
        var stray = ObjectKeys.FacePhoto(person.Id, Guid.CreateVersion7(app.Clock.GetUtcNow()), ImageFormats.Jpeg);
        await store.TryPutAsync(stray, Photos.AlSharpton(2), CancellationToken.None);
        var retention = app.Services.GetRequiredService<SnapshotRetention>();

        await retention.PurgeAsync(CancellationToken.None);
        var whileRecent = await store.ListAsync(ObjectKeys.FacesPrefix, CancellationToken.None).ToListAsync();
        app.Clock.Advance(TimeSpan.FromMinutes(11));
        await retention.PurgeAsync(CancellationToken.None);

        whileRecent.Should().Contain(stray, "an enrolment may still be under way");
        (await store.ListAsync(ObjectKeys.FacesPrefix, CancellationToken.None).ToListAsync()).Should().ContainSingle().Which.Should().NotBe(stray);
    }

    private static bool DatabaseFilesContain(string database, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        return new[] { database, database + "-wal" }.Where(File.Exists)
            .Any(file => File.ReadAllBytes(file).AsSpan().IndexOf(needle) >= 0);
    }
}
